// The staff listing as SQL: a ConfirmationQuery becomes one indexed SELECT and its parameters, and its plan.
import type Database from 'better-sqlite3';
import { LogError, type ConfirmationQuery } from './confirmation-log';
import { isDay } from './local-time';
import { READ_SQL } from './row-codec';
import { normalizeSearchText, prefixUpperBound } from './search-text';

export const DEFAULT_LIST_LIMIT = 1000;
export const MAX_LIST_LIMIT = 100_000;

export interface ListQuerySql {
  /** Selects READ_SQL per row, newest first; its last parameter is the row limit. */
  sql: string;
  params: Array<string | number>;
}

/**
 * The SELECT `list()` runs for `query`. Every shape is served by an index (migrations 0001, 0002): the day
 * range by confirmations_by_day (or by outcome / route), text by search_terms. Throws LogError
 * `log.invalid-record` for a day that is not yyyy-MM-dd.
 */
export function buildListQuery(query: ConfirmationQuery): ListQuerySql {
  for (const day of [query.from, query.to]) {
    if (day !== undefined && !isDay(day)) {
      throw new LogError('log.invalid-record', `日付は yyyy-MM-dd で指定してください（${day}）。`);
    }
  }
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
  const where = ['day BETWEEN ? AND ?'];
  const params: Array<string | number> = [query.from ?? '0000-00-00', query.to ?? '9999-99-99'];
  if (query.outcome) {
    where.push('outcome = ?');
    params.push(query.outcome);
  }
  if (query.route) {
    where.push('route = ?');
    params.push(query.route);
  }
  const text = query.text === undefined ? '' : normalizeSearchText(query.text);
  if (text) {
    // Within a date range, probe each row's terms (few rows); over the whole log, start from the term index.
    where.push(
      query.from !== undefined || query.to !== undefined
        ? 'EXISTS (SELECT 1 FROM search_terms s WHERE s.confirmation_id = confirmations.id AND s.term >= ? AND s.term < ?)'
        : 'id IN (SELECT confirmation_id FROM search_terms WHERE term >= ? AND term < ?)',
    );
    params.push(text, prefixUpperBound(text));
  }
  params.push(limit);
  return {
    sql: `SELECT ${READ_SQL} FROM confirmations WHERE ${where.join(' AND ')} ORDER BY day DESC, started_ms DESC, id DESC LIMIT ?`,
    params,
  };
}

/**
 * SQLite's plan for the SELECT `list()` runs for `query`, one detail line per step (EXPLAIN QUERY PLAN):
 * how the log's own checks and benchmarks see which index a listing uses.
 */
export function listQueryPlan(db: Database.Database, query: ConfirmationQuery): string[] {
  const { sql, params } = buildListQuery(query);
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return steps.map((step) => step.detail);
}
