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
