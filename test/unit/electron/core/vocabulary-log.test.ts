// The log's stored schema and its record type speak the vocabulary: the table's CHECK lists hold its routes and outcomes.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  checkinOutcomes,
  checkinRoutes,
  type CheckinOutcome,
  type CheckinRoute,
  type ConsentItem,
} from '../../../../electron/common/vocabulary';
import type { ConfirmationRecord } from '../../../../electron/core/log/confirmation-log';
import { migration0001 } from '../../../../electron/core/log/migrations/0001-confirmations';
import type {
  ConsentCategory,
  QualificationResult,
} from '../../../../electron/core/gateway/qualification-gateway';

/** The SQL migration 1 runs, captured without a database. */
function migrationSql(): string {
  const statements: string[] = [];
  const db = { exec: (sql: string) => statements.push(sql) };
  migration0001.up(db as unknown as Parameters<typeof migration0001.up>[0]);
  return statements.join('\n');
}

/** The quoted values of the `CHECK (<column> IN (...))` of one column. */
function checkList(sql: string, column: string): string[] {
  const m = new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql);
  return [...(m?.[1] ?? '').matchAll(/'([^']*)'/g)].map((v) => v[1] ?? '');
}

describe('the vocabulary in the log and the gateway', () => {
  it('the confirmations table accepts exactly the vocabulary’s routes and outcomes', () => {
    const sql = migrationSql();
    expect(checkList(sql, 'route')).toEqual([...checkinRoutes]);
    expect(checkList(sql, 'outcome')).toEqual([...checkinOutcomes]);
  });

  it('the record and the gateway result derive their enums from it', () => {
    expectTypeOf<ConfirmationRecord['route']>().toEqualTypeOf<CheckinRoute>();
    expectTypeOf<ConfirmationRecord['outcome']>().toEqualTypeOf<CheckinOutcome>();
    expectTypeOf<keyof ConfirmationRecord['consents']>().toEqualTypeOf<ConsentItem>();
    expectTypeOf<ConsentCategory>().toEqualTypeOf<ConsentItem>();
    expectTypeOf<keyof NonNullable<QualificationResult['consents']>>().toEqualTypeOf<ConsentItem>();
  });
});
