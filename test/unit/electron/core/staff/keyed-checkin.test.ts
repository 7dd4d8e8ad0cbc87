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
import { FakeGateway, ManualClock, keyedEntry as entry } from '../session/fakes';

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
