// Stable error codes shared by every layer, and the error class that carries one.

/** Every code that can cross the IPC boundary. Codes are stable: staff read them off the screen. */
export const errorCodes = [
  'ipc.unknown-channel',
  'ipc.invalid-request',
  'ipc.invalid-response',
  'ipc.payload-too-large',
  'ipc.forbidden',
  'ipc.not-ready',
  'ipc.handler-failed',
  'session.invalid-state',
  /** A patient intent arrived while no card session is running (the card was removed, or timed out). */
  'session.no-session',
  /** A PIN submission came faster than a person can type, or past the card session's budget; nothing reached the card. */
  'session.rate-limited',
  /** No staff login, or it expired: log in again. */
  'staff.unauthorized',
  'staff.pin-wrong',
  /** Too many wrong staff PINs: wait until the lockout ends. */
  'staff.locked-out',
  /** No staff PIN is configured on this terminal. */
  'staff.pin-not-set',
  /** The signed-in account is not an administrator (settings and staff accounts are theirs). */
  'staff.admin-only',
  /** The keyed entry failed the rules (check digits, dates); the message names the fields. */
  'keyed.invalid',
  /** No visual check is waiting at that reader. */
  'visual.not-pending',
  'settings.invalid',
  'settings.unwritable',
  'log.unavailable',
  'export.failed',
  /** The clinic view is not configured (central.consoleUrl), or the clinic's server cannot be read now. */
  'central.unavailable',
  'config.invalid',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class KioskError extends Error {
  override readonly name = 'KioskError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isKioskError(value: unknown): value is KioskError {
  return value instanceof KioskError;
}
