/** Reconnect delays: 1 s, 2 s, 4 s … capped at 60 s, with ±20 % jitter so many servers don't retry in step. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
