// The core through the contract: patient intents, staff channels behind a token, simulator channels, privacy of events.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  invokeChannelNames,
  type EventChannel,
  type InvokeRequest,
  type SessionSnapshot,
} from '../../../../electron/common/contract';
import { startKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createSettingsStore } from '../../../../electron/core/config/settings-store';
import type { KioskConfigInput } from '../../../../electron/core/config/config-schema';
import { createInMemoryPair } from '../../../../electron/core/ipc/in-memory-host';
import type { KioskCoreDeps } from '../../../../electron/core/kiosk-core';
import { createRulesPort } from '../../../../electron/core/session/rules-port';
import { createSimulationControl } from '../../../../electron/core/simulation/simulation-control';
import type { GuardedStaffChannel } from '../../../../electron/core/staff/staff-guard';
import { hashStaffPin } from '../../../../electron/core/staff/staff-pin';
import {
  FakeCardState,
  FakeGateway,
  FakeLog,
  FakeReader,
  ManualClock,
  ManualTimers,
  fakeOpenCard,
} from './session/fakes';
import type { ExportRecord } from '../../../../electron/core/log/export-records';

let pinHash = '';

/** Every staff channel of the contract but login, read from the contract's own channel list. */
const guardedStaffChannels = invokeChannelNames.filter(
  (channel): channel is GuardedStaffChannel =>
    channel.startsWith('staff.') && channel !== 'staff.login' && channel !== 'staff.accounts.names',
);

/** The default staff session length (config `staff.sessionMinutes`). */
const STAFF_SESSION_MS = 15 * 60_000;

const keyedEntry = {
  documentKind: 'shikaku-kakuninsho' as const,
  insurerNumber: '06110829',
  symbol: '12',
  number: '3456',
  branch: '01',
  birthDate: '1980-04-01',
  validUntil: '2027-07-31',
};

/**
 * A request the contract accepts for each guarded staff channel, less its token. Typed over the contract's
 * channels, so a new staff channel does not compile until it has one here.
 */
const staffRequests: { [C in GuardedStaffChannel]: Omit<InvokeRequest<C>, 'token'> } = {
  'staff.logout': {},
  'staff.status': {},
  'staff.visual.approve': { reader: 'R1' },
  'staff.visual.decline': { reader: 'R1' },
  'staff.keyed.validate': { entry: keyedEntry },
  'staff.keyed.confirm': { entry: keyedEntry, limitConsent: true },
  'staff.confirmations.list': { filter: {} },
  'staff.confirmations.export': { from: '2026-06-01', to: '2026-06-15' },
  'staff.clinic.list': { filter: {} },
  'staff.clinic.terminals': {},
  'staff.clinic.export': { from: '2026-06-01', to: '2026-06-15' },
  'staff.settings.get': {},
  'staff.settings.set': { change: { terminalName: '受付9' } },
  'staff.pin.change': { currentPin: '5823', newPin: '918273' },
  'staff.accounts.list': {},
  'staff.accounts.save': { name: '鈴木', role: 'staff', passcode: '5829301' },
  'staff.accounts.remove': { name: '鈴木' },
};

beforeAll(async () => {
  pinHash = await hashStaffPin('5823', { N: 1024, r: 8, p: 1 });
});

async function kiosk(
  input: KioskConfigInput = {},
  extra: Partial<Omit<KioskCoreDeps, 'config' | 'simulation'>> = {},
  configPath?: string,
) {
  const config = parseConfig({ ...input, staff: { pinHash, ...input.staff } });
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const reader = new FakeReader();
  const gateway = new FakeGateway();
  const log = new FakeLog(clock);
  const exported: { from: string; to: string }[] = [];
  const exportRecords: ExportRecord[] = [];
  /** The log refuses export records (a full disk): exports are then withheld. */
  const exportAudit = { down: false };
  const { host, client } = createInMemoryPair();
  const events: { event: EventChannel; payload: unknown }[] = [];
  for (const event of ['session.changed', 'staff.changed', 'sim.changed'] as const) {
    client.on(event, (payload) => events.push({ event, payload }));
  }
  const running = await startKiosk(host, config, {
    checkin: { port: reader, openCard: fakeOpenCard(reader), gateway, log, rules: createRulesPort(clock) },
    exporter: {
      exportCsv(range) {
        exported.push(range);
        return '\uFEFF日時,結果\r\n';
      },
      recordExport(record) {
        if (exportAudit.down) throw new Error('SQLITE_FULL: database or disk is full');
        exportRecords.push(record);
      },
    },
    settings: createSettingsStore(config, configPath),
    clock,
    timers,
    ...extra,
  });
  await client.invoke('renderer.ready', {});
  await new Promise((r) => setTimeout(r, 0));
  const settle = (): Promise<void> => running.core.controller?.settled() ?? Promise.resolve();
  const snapshot = async (): Promise<SessionSnapshot> => {
    const result = await client.invoke('session.get', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const login = async (): Promise<string> => {
    const result = await client.invoke('staff.login', { pin: '5823', account: '管理者' });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.token;
  };
  const present = async (spec = {}): Promise<FakeCardState> => {
    const card = new FakeCardState(spec);
    reader.insert('R1', card);
    await settle();
    return card;
  };
  return {
    client,
    running,
    reader,
    gateway,
    log,
    clock,
    timers,
    events,
    exported,
    exportRecords,
    exportAudit,
    settle,
    snapshot,
    login,
    present,
  };
}

describe('patient intents through the contract', () => {
  it('runs the PIN route and never pushes staff-only data to the patient', async () => {
    const k = await kiosk();
    await k.client.invoke('preferences.set', { language: 'en' });
    await k.present();
    expect((await k.snapshot()).screen).toMatchObject({ name: 'pin', triesLeft: 3 });
    expect((await k.snapshot()).timeoutSeconds).toBe(60);
    expect(await k.client.invoke('pin.submit', { pin: '1234' })).toMatchObject({
      ok: true,
      value: { screen: { name: 'processing' } },
    });
    await k.settle();
    await k.client.invoke('consent.all', { agreed: true });
    await k.settle();
    const shown = await k.snapshot();
    expect(shown.screen).toMatchObject({ name: 'result', person: { name: '山田 太郎' }, receptionNumber: 1 });
    expect(shown.preferences.language).toBe('en');

    const pushed = JSON.stringify(k.events.map((e) => e.payload));
    for (const staffOnly of ['ﾔﾏﾀﾞ', '06139994', '19800401', '3456', '区分ウ', 'copayTenths'])
      expect(pushed).not.toContain(staffOnly);

    await k.client.invoke('result.done', {});
    k.reader.remove('R1');
    await k.settle();
    const after = await k.snapshot();
    expect(after.screen).toEqual({ name: 'idle' });
    expect(after.preferences.language).toBe('ja');
    expect(JSON.stringify(after)).not.toContain('山田');
    await k.running.stop();
  });

  it('refuses an intent without a session or on the wrong screen', async () => {
    const k = await kiosk();
    expect(await k.client.invoke('pin.submit', { pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'session.no-session' },
    });
    await k.present();
    expect(await k.client.invoke('consent.all', { agreed: true })).toMatchObject({
      ok: false,
      error: { code: 'session.invalid-state' },
    });
    expect(await k.client.raw('pin.submit', { pin: '12a4' })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid-request' },
    });
    await k.running.stop();
  });

  it('cancel ends the attempt, logged as cancelled', async () => {
    const k = await kiosk();
    await k.present();
    await k.client.invoke('session.cancel', {});
    // The card is still on the reader: the take-card screen, with no inactivity timeout, until it is taken.
    expect(await k.snapshot()).toMatchObject({ screen: { name: 'take-card' } });
    expect((await k.snapshot()).timeoutSeconds).toBeUndefined();
    expect(k.log.rows[0]?.outcome).toBe('cancelled');
    k.reader.remove('R1');
    await k.settle();
    expect((await k.snapshot()).screen).toEqual({ name: 'idle' });
    await k.running.stop();
  });

  it('a card lifted mid-way and put back keeps the patient’s language and text size', async () => {
    const k = await kiosk();
    await k.client.invoke('preferences.set', { language: 'ko', largeText: true });
    await k.present();
    const card = k.reader.cardAt('R1');
    k.reader.remove('R1');
    await k.settle();
    expect(await k.snapshot()).toMatchObject({
      screen: { name: 'card-lifted', resumeSeconds: 30 },
      preferences: { language: 'ko', largeText: true },
    });
    if (card) k.reader.insert('R1', card);
    await k.settle();
    expect(await k.snapshot()).toMatchObject({
      screen: { name: 'pin' },
      preferences: { language: 'ko', largeText: true },
    });
    await k.running.stop();
  });

  it('applies the clinic consent items to the next patient', async () => {
    const k = await kiosk({ consent: { items: ['medication', 'checkup', 'diagnosis', 'surgery'] } });
    await k.present();
    await k.client.invoke('pin.submit', { pin: '1234' });
    await k.settle();
    expect((await k.snapshot()).screen).toMatchObject({
      name: 'consent',
      items: ['medication', 'checkup', 'diagnosis', 'surgery'],
    });
    await k.running.stop();
  });
});

describe('staff channels', () => {
  it('every staff channel of the contract but login refuses a missing, malformed, unknown, expired or logged-out token', async () => {
    const k = await kiosk();
    expect(guardedStaffChannels.length).toBeGreaterThanOrEqual(11);
    const refusals: { channel: GuardedStaffChannel; token: string; code: unknown }[] = [];
    const attempt = async (channel: GuardedStaffChannel, token: unknown): Promise<unknown> => {
      const result = await k.client.raw(channel, { ...staffRequests[channel], token });
      return result.ok ? 'ok' : result.error.code;
    };
    for (const channel of guardedStaffChannels) {
      const expired = await k.login();
      const loggedOut = await k.login();
      expect(await k.client.invoke('staff.logout', { token: loggedOut })).toEqual({ ok: true, value: null });
      k.clock.advance(STAFF_SESSION_MS + 1000);
      // The contract refuses a token that is missing or not a token before any handler runs.
      expect(await k.client.raw(channel, staffRequests[channel])).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalid-request' },
      });
      expect(await attempt(channel, 'short')).toBe('ipc.invalid-request');
      expect(await attempt(channel, 1234567890123456)).toBe('ipc.invalid-request');
      expect(await attempt(channel, 'x'.repeat(129))).toBe('ipc.invalid-request');
      for (const token of ['a'.repeat(64), expired, loggedOut]) {
        refusals.push({ channel, token, code: await attempt(channel, token) });
      }
    }
    expect(refusals.filter((r) => r.code !== 'staff.unauthorized')).toEqual([]);
    expect(refusals).toHaveLength(guardedStaffChannels.length * 3);

    // Nothing a refused call asks for happened.
    expect(k.gateway.requests).toEqual([]);
    expect(k.log.rows).toEqual([]);
    expect(k.exported).toEqual([]);
    expect((await k.snapshot()).terminalName).not.toBe('受付9');

    // With a live token every one of them gets past the guard (the PIN change last: it ends every session).
    const live = [...guardedStaffChannels].sort(
      (a, b) => Number(a === 'staff.pin.change') - Number(b === 'staff.pin.change'),
    );
    const passed: { channel: GuardedStaffChannel; code: unknown }[] = [];
    for (const channel of live) passed.push({ channel, code: await attempt(channel, await k.login()) });
    expect(passed.filter((p) => p.code === 'staff.unauthorized' || p.code === 'ipc.invalid-request')).toEqual(
      [],
    );
    expect(k.gateway.requests).toHaveLength(1);
    expect((await k.snapshot()).terminalName).toBe('受付9');
    expect(await k.client.invoke('staff.login', { pin: '918273' })).toMatchObject({ ok: true });
    await k.running.stop();
  });

  it('login needs no token; a wrong PIN and a request without a PIN are refused', async () => {
    const k = await kiosk();
    expect(await k.client.raw('staff.login', {})).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid-request' },
    });
    expect(await k.client.invoke('staff.login', { pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'staff.pin-wrong' },
    });
    expect(await k.client.invoke('staff.login', { pin: '5823' })).toMatchObject({ ok: true });
    await k.running.stop();
  });

  it('approves a waiting visual check; the event names the reader only', async () => {
    const k = await kiosk();
    const token = await k.login();
    await k.present({ triesLeft: 0 });
    await k.client.invoke('auth.choose', { method: 'visual' });
    const staffEvents = k.events.filter((e) => e.event === 'staff.changed');
    expect(staffEvents.at(-1)?.payload).toMatchObject({ reason: 'visual-pending', reader: 'R1' });
    const status = await k.client.invoke('staff.status', { token });
    expect(status.ok && status.value.visualPending).toEqual([
      expect.objectContaining({ reader: 'R1', tokenKind: 'card', certificate: 'valid' }),
    ]);
    expect(status.ok && status.value.readers).toEqual([
      { name: 'R1', cardPresent: true, screen: 'visual-wait' },
    ]);
    expect(await k.client.invoke('staff.visual.approve', { token, reader: 'R1' })).toEqual({
      ok: true,
      value: null,
    });
    await k.settle();
    expect((await k.snapshot()).screen.name).toBe('consent');
    expect(await k.client.invoke('staff.visual.approve', { token, reader: 'R1' })).toMatchObject({
      ok: false,
      error: { code: 'visual.not-pending' },
    });
    await k.running.stop();
  });

  it('keyed entry: live validation, confirmation, log row with the staff member', async () => {
    const k = await kiosk();
    const token = await k.login();
    const entry = {
      documentKind: 'shikaku-kakuninsho' as const,
      insurerNumber: '0613999',
      symbol: '12',
      number: '3456',
      branch: '01',
      birthDate: '1980-04-01',
      validUntil: '2027-07-31',
    };
    const bad = await k.client.invoke('staff.keyed.validate', { token, entry });
    expect(bad).toMatchObject({ ok: true, value: { ok: false, problems: [{ field: 'insurerNumber' }] } });
    expect(await k.client.invoke('staff.keyed.confirm', { token, entry, limitConsent: true })).toMatchObject({
      ok: false,
      error: { code: 'keyed.invalid' },
    });
    expect(k.gateway.requests).toHaveLength(0);
    const good = { ...entry, insurerNumber: '06110829' };
    const confirmed = await k.client.invoke('staff.keyed.confirm', {
      token,
      entry: good,
      limitConsent: true,
    });
    expect(confirmed).toMatchObject({
      ok: true,
      value: { outcome: 'confirmed', receptionNumber: 1, persons: [{ nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ' }] },
    });
    expect(k.gateway.requests[0]).toMatchObject({
      route: 'keyed',
      insurerNumber: '06110829',
      birthdate: '19800401',
    });
    // The clinic does not ask about 限度額 by default (§3): no answer is recorded for it.
    // The signed-in account: the old single PIN signs in as 管理者.
    expect(k.log.rows[0]).toMatchObject({ route: 'keyed', staffId: '管理者' });
    expect(k.log.rows[0]?.limitConsent).toBeUndefined();

    k.gateway.failWith('gateway.timeout');
    const failed = await k.client.invoke('staff.keyed.confirm', { token, entry: good, limitConsent: false });
    expect(failed).toMatchObject({ ok: true, value: { outcome: 'error', errorCode: 'gateway.timeout' } });
    expect(k.log.rows[1]).toMatchObject({ route: 'keyed', outcome: 'error', insurerNumber: '06110829' });

    const list = await k.client.invoke('staff.confirmations.list', { token, filter: {} });
    expect(list.ok && list.value.map((r) => r.outcome)).toEqual(['confirmed', 'error']);
    await k.running.stop();
  });

  it('exports CSV through the log port', async () => {
    const k = await kiosk();
    const token = await k.login();
    const result = await k.client.invoke('staff.confirmations.export', {
      token,
      from: '2026-06-01',
      to: '2026-06-15',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { fileName: 'confirmations_2026-06-01_2026-06-15.csv' },
    });
    expect(k.exported).toEqual([{ from: '2026-06-01', to: '2026-06-15' }]);
    // Recorded with the signed-in account (the old single PIN signs in as 管理者).
    expect(k.exportRecords).toEqual([
      { staffId: '管理者', scope: 'terminal', from: '2026-06-01', to: '2026-06-15' },
    ]);
    expect(
      await k.client.invoke('staff.confirmations.export', { token, from: '2026-06-15', to: '2026-06-01' }),
    ).toMatchObject({ ok: false, error: { code: 'ipc.invalid-request' } });
    await k.running.stop();
  });

  it('withholds the CSV when the log cannot record who exported it', async () => {
    const k = await kiosk();
    const token = await k.login();
    k.exportAudit.down = true;
    const result = await k.client.invoke('staff.confirmations.export', {
      token,
      from: '2026-06-01',
      to: '2026-06-15',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'export.failed' } });
    expect(k.exportRecords).toEqual([]);
    await k.running.stop();
  });

  it('saves settings back to the settings file, checking the 医療機関コード', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-settings-'));
    const file = path.join(dir, 'settings.json');
    const k = await kiosk({}, {}, file);
    const token = await k.login();
    expect(
      await k.client.invoke('staff.settings.set', { token, change: { medicalInstitutionCode: '12345' } }),
    ).toMatchObject({ ok: false, error: { code: 'settings.invalid' } });
    const saved = await k.client.invoke('staff.settings.set', {
      token,
      change: {
        medicalInstitutionCode: '0110113719',
        consentItems: ['medication'],
        limitConsentScreen: true,
        resultShowsCopayAndLimit: true,
        timeouts: { pin: 45 },
        terminalName: '受付2',
      },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { restartRequired: false, settings: { consentItems: ['medication'], timeouts: { pin: 45 } } },
    });
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.clinic.medicalInstitutionCode).toBe('0110113719');
    expect(onDisk.consent).toEqual({ items: ['medication'], limitScreen: true });
    expect(onDisk.resultScreen).toEqual({ showCopayAndLimit: true });
    expect(onDisk.staff.pinHash).toBe(pinHash);
    expect((await k.snapshot()).terminalName).toBe('受付2');
    await k.present();
    expect((await k.snapshot()).timeoutSeconds).toBe(45);

    const gateway = await k.client.invoke('staff.settings.set', {
      token,
      change: {
        gateway: {
          adapter: 'oqs-folder',
          requestFolder: '/srv/oqs/req',
          resultFolder: '/srv/oqs/res',
          faceFolder: '',
          timeoutSeconds: 30,
        },
      },
    });
    expect(gateway).toMatchObject({ ok: true, value: { restartRequired: true } });
    expect(
      await k.client.invoke('staff.settings.set', {
        token,
        change: { languages: ['en'], defaultLanguage: 'ja' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'settings.invalid' } });
    await k.running.stop();
  });

  it('changes the staff PIN and ends every staff session', async () => {
    const k = await kiosk();
    const token = await k.login();
    expect(
      await k.client.invoke('staff.pin.change', { token, currentPin: '0000', newPin: '918273' }),
    ).toMatchObject({ ok: false, error: { code: 'staff.pin-wrong' } });
    expect(
      await k.client.invoke('staff.pin.change', { token, currentPin: '5823', newPin: '918273' }),
    ).toEqual({
      ok: true,
      value: null,
    });
    expect(await k.client.invoke('staff.status', { token })).toMatchObject({
      ok: false,
      error: { code: 'staff.unauthorized' },
    });
    expect(await k.client.invoke('staff.login', { pin: '918273' })).toMatchObject({ ok: true });
    await k.running.stop();
  });
});

describe('simulator channels', () => {
  it('answer ipc.forbidden in a production configuration', async () => {
    const k = await kiosk({ reader: { kind: 'pcsc' } });
    for (const [channel, request] of [
      ['sim.state', {}],
      ['sim.present', { variant: 'physical', holderId: 'p1' }],
      ['sim.remove', {}],
      ['sim.faults', { readerDown: true }],
    ] as const) {
      expect(await k.client.raw(channel, request)).toMatchObject({
        ok: false,
        error: { code: 'ipc.forbidden' },
      });
    }
    expect((await k.snapshot()).simulation).toBe(false);
    await k.running.stop();
  });

  it('present and remove virtual cards and inject faults in simulation', async () => {
    const reader = new FakeReader();
    const gatewayFaults: string[] = [];
    const made: { variant: string; serialHex: string }[] = [];
    const k = await kiosk(
      {},
      {
        simulator: (onChange) =>
          createSimulationControl<FakeCardState>({
            reader: {
              readers: () => reader.readers(),
              present: (name, card) => reader.insert(name, card),
              remove: (name) => reader.remove(name),
              setServiceDown: (down) =>
                reader.emit(down ? { type: 'service-down', reason: 'sim' } : { type: 'service-up' }),
              subscribe: (listener) => reader.subscribe(listener),
            },
            makeCard: (variant, serialHex) => {
              made.push({ variant, serialHex });
              return new FakeCardState({ serialNumber: serialHex });
            },
            holders: [{ serialHex: '5001', personId: 'p1', label: '山田 太郎（有効）' }],
            setGatewayFault: (fault) => gatewayFaults.push(fault),
            setLogDown: () => undefined,
            onChange,
          }),
      },
    );
    const state = await k.client.invoke('sim.present', { variant: 'android', holderId: 'p1' });
    expect(state).toMatchObject({
      ok: true,
      value: { readers: [{ name: 'R1', card: { variant: 'android', holderId: 'p1' } }], pin: '1234' },
    });
    expect(made).toEqual([{ variant: 'android', serialHex: '5001' }]);
    expect(reader.cardPresent('R1')).toBe(true);
    expect(await k.client.invoke('sim.present', { variant: 'physical', holderId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid-request' },
    });
    await k.client.invoke('sim.faults', { gateway: 'timeout' });
    expect(gatewayFaults).toEqual(['timeout']);
    await k.client.invoke('sim.remove', {});
    expect(reader.cardPresent('R1')).toBe(false);
    expect(k.events.some((e) => e.event === 'sim.changed')).toBe(true);
    await k.running.stop();
  });
});
