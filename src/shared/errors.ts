/** An error crossing a boundary as data; rethrown on the other side (see CONVENTIONS: Errors). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

/** Our own failures; the code is for programs, the message is for the person reading it. */
export type HostErrorCode =
  | 'not-granted'
  | 'unknown-prompt'
  | 'unknown-resource'
  | 'tab-gone'
  /** The user answered Deny (or declined). */
  | 'denied'
  /** Nobody answered an approval in time. */
  | 'approval-timeout'
  /** The assistant cancelled the request while it waited for the user. */
  | 'cancelled';

export class HostError extends Error {
  override name = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof HostError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
