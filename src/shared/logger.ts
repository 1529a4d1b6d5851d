/** The one place errors are reported; never swallow one silently. */
export interface Logger {
  debug(message: string, ...detail: unknown[]): void;
  warn(message: string, ...detail: unknown[]): void;
  error(message: string, ...detail: unknown[]): void;
}

export const consoleLogger = (prefix: string): Logger => ({
  debug: (m, ...d) => console.debug(`[${prefix}] ${m}`, ...d),
  warn: (m, ...d) => console.warn(`[${prefix}] ${m}`, ...d),
  error: (m, ...d) => console.error(`[${prefix}] ${m}`, ...d),
});

export const silentLogger: Logger = { debug() {}, warn() {}, error() {} };
