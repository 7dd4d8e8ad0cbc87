// Operations on the log file itself: retention runs (now and daily) and the online backup.
import type Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import type { ClinicClock } from '../clock/clinic-clock';
import type { LogError } from './confirmation-log';
import { purgeExpired, type PurgeReport } from './retention';
import { logError, toLogError } from './sqlite-errors';

/**
 * Default retention when the settings give none: five years. A product default, not a legal statement;
 * each clinic sets the period its own rules require.
 */
export const DEFAULT_RETENTION_DAYS = 5 * 365;
export const DAILY_MS = 86_400_000;

export interface DailyPurgeOptions {
  intervalMs?: number;
  onPurged?: (report: PurgeReport) => void;
  onError?: (error: LogError) => void;
}

/** A valid retention period in days, or a RangeError naming the setting. */
export function checkedRetentionDays(days: number): number {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`retentionDays must be a positive integer, got ${days}`);
  }
  return days;
}

/**
 * One retention run at the clinic clock's now: removes rows past `retentionDays`, writes its purge record
 * (MACed under `key` when the log is keyed).
 */
export function purgeAt(
  db: Database.Database,
  clock: ClinicClock,
  retentionDays: number,
  key?: Buffer,
): PurgeReport {
  const now = clock.now();
  try {
    return purgeExpired(db, { now, today: clock.dayOf(now), retentionDays, ...(key ? { key } : {}) });
  } catch (error) {
    throw toLogError(error, 'purge');
  }
}

/** Runs `purge` now, then every `intervalMs` (a day); failures go to onError; the timer keeps nothing alive. */
export function startDailyPurge(purge: () => PurgeReport, options: DailyPurgeOptions = {}): { stop(): void } {
  const run = (): void => {
    try {
      const report = purge();
      options.onPurged?.(report);
    } catch (error) {
      options.onError?.(toLogError(error, 'purge'));
    }
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? DAILY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Online backup of an open log into `destination`, which must not exist yet; the copy is owner-only. */
export async function backupDatabase(db: Database.Database, destination: string): Promise<void> {
  if (existsSync(destination)) throw logError('log.unwritable', `${destination} は既に存在します`);
  try {
    closeSync(openSync(destination, 'wx', 0o600));
    if (process.platform !== 'win32') chmodSync(destination, 0o600);
    await db.backup(destination);
  } catch (error) {
    throw toLogError(error, `backup to ${destination}`);
  }
}
