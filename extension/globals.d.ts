/** True only in `vite build --mode bench` (dist-bench/); the bench-only code is compiled out otherwise. */
declare const __SWITCHBOARD_BENCH__: boolean;
