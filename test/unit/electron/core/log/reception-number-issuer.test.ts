// Reception numbers on their own: the next free number of a day within a range, refusal when it is used up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';
import {
  checkedRange,
  receptionNumberIssuer,
} from '../../../../../electron/core/log/reception-number-issuer';

let db: ReturnType<typeof openLogDatabase>;
beforeEach(() => {
  db = openLogDatabase(':memory:');
});
afterEach(() => {
  db.close();
});

describe('receptionNumberIssuer', () => {
  it('starts each day at the first number of the range and counts up from the last issued', () => {
    const issuer = receptionNumberIssuer(db, { first: 501, last: 503 });
    expect(issuer.next('2026-11-27')).toBe(501);
    issuer.issue('2026-11-27', 501, 1);
    issuer.issue('2026-11-27', 502, 2);
    expect(issuer.next('2026-11-27')).toBe(503);
    expect(issuer.next('2026-11-28')).toBe(501);
  });

  it('ignores numbers outside its range (another terminal of the clinic, or an older range)', () => {
    receptionNumberIssuer(db, { first: 1, last: 499 }).issue('2026-11-27', 7, 1);
    expect(receptionNumberIssuer(db, { first: 501, last: 999 }).next('2026-11-27')).toBe(501);
  });

  it('answers log.numbers-exhausted when the range is used up for the day', () => {
    const issuer = receptionNumberIssuer(db, { first: 9, last: 9 });
    issuer.issue('2026-11-27', 9, 1);
    expect(() => issuer.next('2026-11-27')).toThrow(
      expect.objectContaining({ code: 'log.numbers-exhausted' }),
    );
    expect(() => issuer.issue('2026-11-27', 9, 2)).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});

describe('checkedRange', () => {
  it('accepts 1 ≤ first ≤ last ≤ the largest number a row may carry, and names the setting otherwise', () => {
    expect(checkedRange({ first: 1, last: 9999 })).toEqual({ first: 1, last: 9999 });
    for (const bad of [
      { first: 0, last: 10 },
      { first: 5, last: 4 },
      { first: 1.5, last: 10 },
      { first: 1, last: 1_000_000 },
    ]) {
      expect(() => checkedRange(bad)).toThrow(/receptionNumbers/);
    }
  });
});
