// The keyed route on a real SQLite log: a row the log refuses is kept, staff see no result, the row follows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { GatewayError } from '../../../../../electron/core/gateway/qualification-gateway';
import {
  LOG_UNAVAILABLE_MESSAGE,
  confirmKeyed,
  type KeyedCheckinDeps,
} from '../../../../../electron/core/staff/keyed-checkin';
import { tempDir, type TempDir } from '../log/log-fixtures';
import { createRulesPort } from '../../../../../electron/core/session/rules-port';
import { FakeGateway, ManualClock, keyedEntry as entry, person, result } from '../session/fakes';

let tmp: TempDir;
let log: ConfirmationLogFile;
let holder: ReturnType<typeof openLogDatabase> | undefined;
let gateway: FakeGateway;
let events: string[];
let deps: KeyedCheckinDeps;

beforeEach(() => {
  tmp = tempDir();
  const clock = new ManualClock();
  log = createConfirmationLog({ path: tmp.file(), clock, busyTimeoutMs: 1 });
  gateway = new FakeGateway();
  events = [];
  deps = {
    gateway,
    log,
    rules: createRulesPort(clock),
    clock,
    terminalName: () => '受付1',
    limitConsentAsked: () => false,
    onRecorded: () => events.push('recorded'),
    onLogTrouble: () => events.push('log-trouble'),
    onGatewayTrouble: () => events.push('gateway-trouble'),
  };
});
afterEach(() => {
  unlock();
  log.close();
  tmp.remove();
});

/** Another program holds the write lock: the log refuses writes with log.locked. */
function lock(): void {
  holder = openLogDatabase(tmp.file(), { busyTimeoutMs: 1 });
  holder.exec('BEGIN IMMEDIATE');
}
function unlock(): void {
  holder?.exec('ROLLBACK');
  holder?.close();
  holder = undefined;
}

async function refusal(): Promise<unknown> {
  return confirmKeyed(deps, entry, true, 'staff-1').then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('keyed check-in while the log refuses writes', () => {
  it('a confirmed answer is not shown; an error row without reception number is kept and written later', async () => {
    lock();
    const error = await refusal();
    expect(error).toMatchObject({ code: 'log.unavailable', message: LOG_UNAVAILABLE_MESSAGE });
    expect(events).toEqual(['log-trouble']);
    expect(log.keptCount).toBe(1);
    unlock();

    expect(log.flushKept()).toBe(1);
    const rows = log.list({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      route: 'keyed',
      outcome: 'error',
      errorCode: 'log.locked',
      staffId: 'staff-1',
      validity: 1,
      insurerNumber: '06139994',
    });
    expect(rows[0]?.receptionNumber).toBeUndefined();

    // The next keyed check-in is recorded after it and gets reception number 1.
    const shown = await confirmKeyed(deps, entry, true, 'staff-1');
    expect(shown).toMatchObject({ outcome: 'confirmed', receptionNumber: 1 });
    expect(
      log
        .list({})
        .map((r) => r.id)
        .sort(),
    ).toEqual([1, 2]);
    expect(log.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('a gateway error row is kept as built and written first by the next record', async () => {
    gateway.failWith('gateway.rejected');
    lock();
    expect(await refusal()).toMatchObject({ code: 'log.unavailable' });
    expect(events).toEqual(['log-trouble']);
    unlock();
    gateway.answer = async () => {
      throw new GatewayError('gateway.timeout', 'timeout');
    };
    await confirmKeyed(deps, entry, false, 'staff-2');
    const rows = log.list({}).sort((a, b) => a.id - b.id);
    expect(rows.map((r) => [r.id, r.outcome, r.errorCode])).toEqual([
      [1, 'error', 'gateway.rejected'],
      [2, 'error', 'gateway.timeout'],
    ]);
    expect(log.verify()).toMatchObject({ ok: true, rows: 2 });
  });
});

describe('keyed check-in on the real rules', () => {
  it('a wrong check digit is refused before anything is sent or logged', async () => {
    // oqs-and-insurance.md §4.2: payload 0613999 weighted 2, 1, 2, … from the right sums to 38, so the
    // check digit is 10 − 8 = 2; 06139994 is a typing error.
    const error = await confirmKeyed(deps, { ...entry, insurerNumber: '06139994' }, true, 'staff-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'keyed.invalid' });
    expect(gateway.requests).toHaveLength(0);
    expect(log.list({})).toHaveLength(0);
    expect(events).toEqual([]);
  });

  it('a valid entry is confirmed, logged once with a reception number', async () => {
    const shown = await confirmKeyed(deps, { ...entry, insurerNumber: '06139992' }, true, 'staff-1');
    expect(shown).toMatchObject({ outcome: 'confirmed', receptionNumber: 1 });
    expect(gateway.requests[0]).toMatchObject({ route: 'keyed', insurerNumber: '06139992' });
    expect(events).toEqual(['recorded']);
    expect(log.list({})).toHaveLength(1);
  });
});

describe('keyed check-in: what staff read', () => {
  it('refuses a 資格確認書 without its 有効期限 before anything is sent', async () => {
    const { validUntil: _printed, ...withoutExpiry } = entry;
    const error = await confirmKeyed(deps, withoutExpiry, true, 'staff-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'keyed.invalid', message: '資格確認書の有効期限をご入力ください。' });
    expect(gateway.requests).toHaveLength(0);
  });

  it('shows and logs the copay by age when the answer carries no ratio, with its source and 和暦 dates', async () => {
    // A 国保 member (138057, §4.2) born 1985-04-12: 41 on the clinic's day 2026-06-15 → 3割 by age.
    gateway.answer = async () =>
      result({
        persons: [person({ insurerNumber: '138057', birthdate: '19850412', copayTenths: undefined })],
      });
    const shown = await confirmKeyed(deps, entry, false, 'staff-1');
    expect(shown).toMatchObject({
      outcome: 'confirmed',
      notices: [],
      persons: [{ copayTenths: 3, copaySource: 'statutory-age', birthdateWareki: '昭和60年4月12日' }],
    });
    expect(log.list({})[0]).toMatchObject({ copayTenths: 3 });
  });

  it.each([
    // Keyed 令和6年12月2日 (2024-12-02); the answer's issue 2025-08-01 is later: staff are told, in 和暦.
    [
      'R6.12.2',
      '20250801',
      {
        keyed: { date: '2024-12-02', wareki: '令和6年12月2日' },
        answer: { date: '2025-08-01', wareki: '令和7年8月1日' },
      },
    ],
    ['2025-08-01', '20250801', undefined],
    ['2025-08-02', '20250801', undefined],
    [undefined, '20250801', undefined],
    ['2024-12-02', undefined, undefined],
  ])('keyed 交付年月日 %j, answer %j: newer issuance %j', async (issuedOn, cardIssuedOn, expected) => {
    gateway.answer = async () =>
      result({ persons: [person(cardIssuedOn === undefined ? {} : { cardIssuedOn })] });
    const shown = await confirmKeyed(
      deps,
      { ...entry, ...(issuedOn === undefined ? {} : { issuedOn }) },
      false,
      'staff-1',
    );
    expect(shown.newerIssuance).toEqual(expected);
    // It informs; it never changes the outcome.
    expect(shown.outcome).toBe('confirmed');
  });
});

describe('keyed check-in: 限度額', () => {
  it('by default nobody is asked: the request carries the flag, staff and the log get the limit class', async () => {
    // Since 2024-10-07 the information is provided without consent (§3); the staff's tick is not read.
    const shown = await confirmKeyed(deps, entry, false, 'staff-1');
    expect(gateway.requests[0]).toMatchObject({ route: 'keyed', limitConsent: true });
    expect(shown.persons[0]?.limitLabel).toBe('区分ウ');
    const row = log.list({})[0];
    expect(row?.limitClass).toBe('A03');
    expect(row?.limitConsent).toBeUndefined();
  });

  it.each([
    [true, '区分ウ', 'A03'],
    [false, undefined, undefined],
  ])(
    'when the clinic asks, the oral answer %j decides what staff and the log see',
    async (agreed, label, limitClass) => {
      deps = { ...deps, limitConsentAsked: () => true };
      const shown = await confirmKeyed(deps, entry, agreed, 'staff-1');
      expect(gateway.requests[0]).toMatchObject({ limitConsent: agreed });
      expect(shown.persons[0]?.limitLabel).toBe(label);
      const row = log.list({})[0];
      expect(row?.limitClass).toBe(limitClass);
      expect(row?.limitConsent?.agreed).toBe(agreed);
    },
  );
});
