// The listing SQL builder: one parameterised SELECT per query shape, limits clamped, bad days refused.
import { describe, expect, it } from 'vitest';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import {
  buildListQuery,
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
} from '../../../../../electron/core/log/list-query';
import { READ_SQL } from '../../../../../electron/core/log/row-codec';
import { prefixUpperBound } from '../../../../../electron/core/log/search-text';

describe('buildListQuery', () => {
  it('selects the stored row encoding, newest first, over the whole log by default', () => {
    const { sql, params } = buildListQuery({});
    expect(sql).toBe(
      `SELECT ${READ_SQL} FROM confirmations WHERE day BETWEEN ? AND ? ORDER BY day DESC, started_ms DESC, id DESC LIMIT ?`,
    );
    expect(params).toEqual(['0000-00-00', '9999-99-99', DEFAULT_LIST_LIMIT]);
  });

  it('adds outcome and route as parameters, never as text', () => {
    const { sql, params } = buildListQuery({
      from: '2026-11-27',
      to: '2026-11-28',
      outcome: 'error',
      route: 'keyed',
      limit: 5,
    });
    expect(sql).toContain('WHERE day BETWEEN ? AND ? AND outcome = ? AND route = ? ORDER BY');
    expect(sql).not.toContain("'");
    expect(params).toEqual(['2026-11-27', '2026-11-28', 'error', 'keyed', 5]);
  });

  it('searches text as a normalised prefix range: by the term index over the whole log, per row within days', () => {
    const whole = buildListQuery({ text: ' すずき ' });
    expect(whole.sql).toContain(
      'id IN (SELECT confirmation_id FROM search_terms WHERE term >= ? AND term < ?)',
    );
    expect(whole.params).toEqual(['0000-00-00', '9999-99-99', 'スズキ', prefixUpperBound('スズキ'), 1000]);
    for (const range of [{ from: '2026-11-27' }, { to: '2026-11-27' }]) {
      const within = buildListQuery({ ...range, text: 'スズキ' });
      expect(within.sql).toContain(
        'EXISTS (SELECT 1 FROM search_terms s WHERE s.confirmation_id = confirmations.id',
      );
    }
    expect(buildListQuery({ text: '  ' })).toEqual(buildListQuery({}));
  });

  it('clamps the limit to 1 … MAX_LIST_LIMIT', () => {
    const limitOf = (limit: number): unknown => buildListQuery({ limit }).params.at(-1);
    expect(limitOf(0)).toBe(1);
    expect(limitOf(2.9)).toBe(2);
    expect(limitOf(10 ** 9)).toBe(MAX_LIST_LIMIT);
  });

  it('gives the same SQL text for the same shape, so one prepared statement serves it', () => {
    expect(buildListQuery({ from: '2026-11-01', text: 'a' }).sql).toBe(
      buildListQuery({ from: '2026-12-01', text: 'b', limit: 3 }).sql,
    );
  });

  it('refuses a day that is not yyyy-MM-dd', () => {
    expect(() => buildListQuery({ to: '2026-02-30' })).toThrow(LogError);
    expect(() => buildListQuery({ from: "2026-11-27' OR 1=1 --" })).toThrow(/yyyy-MM-dd/);
  });
});
