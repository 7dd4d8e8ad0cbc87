// Maps SQLite failures to the log's stable error codes, with a message staff can act on.
import { LogError, type LogErrorCode } from './confirmation-log';

const messages: Record<LogErrorCode, string> = {
  'log.unwritable': '確認ログに書き込めません（読み取り専用、権限、または保存先の異常）。',
  'log.disk-full': '確認ログに書き込めません（ディスクの空き容量がありません）。',
  'log.locked': '確認ログが他のプログラムに使用中のため書き込めません。',
  'log.newer-version': '確認ログは新しいバージョンのアプリで作成されています。このアプリでは開けません。',
  'log.corrupt': '確認ログのファイルが壊れているか、データベースではありません。',
  'log.invalid-record': '記録の内容が不正です。',
  'log.numbers-exhausted':
    '本日この端末で使える受付番号をすべて使いました。設定 receptionNumbers の範囲を広げてください。',
  'log.key-unusable': '確認ログの鍵を使えません。',
  'log.key-mismatch': '確認ログの鍵がこのログのものではありません。',
  'log.key-required': 'この確認ログは鍵付きです。鍵なしでは書き込めません。',
};

/** The LogError code for a SQLite (or file system) error code, e.g. SQLITE_FULL, SQLITE_BUSY_SNAPSHOT, EACCES. */
export function logErrorCodeFor(code: string | undefined): LogErrorCode {
  const c = code ?? '';
  if (c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT') return 'log.disk-full';
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) return 'log.locked';
  if (c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB') return 'log.corrupt';
  return 'log.unwritable';
}

/** Wraps any failure of a log operation in a LogError (a LogError passes through unchanged). */
export function toLogError(error: unknown, action: string): LogError {
  if (error instanceof LogError) return error;
  const code =
    error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  const logCode = logErrorCodeFor(code);
  const detail = error instanceof Error ? error.message : String(error);
  return new LogError(logCode, `${messages[logCode]}（${action}: ${code ?? 'error'} ${detail}）`, {
    cause: error,
  });
}

export function logError(code: LogErrorCode, detail?: string): LogError {
  return new LogError(code, detail ? `${messages[code]}（${detail}）` : messages[code]);
}
