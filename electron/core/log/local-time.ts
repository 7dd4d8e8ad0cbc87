// Shapes of the log's stored days and instants; the clinic clock (electron/core/clock) says which day an instant is.

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of an ISO 8601 instant that carries its offset; undefined when it is not one. */
export function parseInstant(text: string): number | undefined {
  if (!ISO_INSTANT.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** True for a real calendar day written yyyy-MM-dd. */
export function isDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The day `days` calendar days before `day` (yyyy-MM-dd). */
export function daysBefore(day: string, days: number): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return new Date(ms - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The retention rule: on clinic day `today`, rows of days before the returned day may be purged. The purge
 * (retention.ts) cuts there, and verification (hash-chain.ts) flags any purge record cutting later.
 */
export function retentionCutoff(today: string, retentionDays: number): string {
  return daysBefore(today, retentionDays);
}
