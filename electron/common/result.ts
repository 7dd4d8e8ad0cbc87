// The envelope every IPC result crosses in: a value, or an error with a stable code.
import type { ErrorCode } from './errors';

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): IpcResult<T> => ({
  ok: false,
  error: { code, message },
});
