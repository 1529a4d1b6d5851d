/** True only in `vite build --mode bench` (dist-bench/); the bench-only code is compiled out otherwise. */
declare const __SWITCHBOARD_BENCH__: boolean;
/**
 * The demo site the welcome page offers: `npm start`'s address unless SWITCHBOARD_DEMO_URL says otherwise;
 * empty in `--mode store` (`npm run package`), whose users have no demo running.
 */
declare const __SWITCHBOARD_DEMO_URL__: string;
