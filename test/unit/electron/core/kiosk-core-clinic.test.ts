// The clinic view's staff channels through the contract: behind the token, refused without a view, exports recorded, needs pushed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClinicFilter, EventChannel } from '../../../../electron/common/contract';
import { CentralError } from '../../../../electron/core/central/central-error';
import type { ClinicListenHandlers, ClinicView } from '../../../../electron/core/central/clinic-view';
import { startKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createInMemoryPair } from '../../../../electron/core/ipc/in-memory-host';
import type { ExportRecord } from '../../../../electron/core/log/export-records';
import { hashStaffPin } from '../../../../electron/core/staff/staff-pin';
import { manualClock } from '../../../support/manual-clock';

let pinHash: string;
beforeAll(async () => {
  pinHash = await hashStaffPin('5823', { N: 1024, r: 8, p: 1 });
});

/** A clinic view that answers what it is told and keeps what it was asked. */
function fakeView(failure?: Error) {
  const filters: ClinicFilter[] = [];
  const listening: { handlers?: ClinicListenHandlers; signal?: AbortSignal } = {};
  const view: ClinicView = {
    async list(filter) {
      if (failure) throw failure;
      filters.push(filter);
      return { day: '2026-12-01', total: 0, offset: 0, rows: [] };
    },
    async terminals() {
      if (failure) throw failure;
      return [];
    },
    async exportCsv({ from, to }) {
      if (failure) throw failure;
      return `\uFEFF端末ID\r\n${from}${to}`;
    },
    listen(signal, handlers) {
      listening.handlers = handlers;
      listening.signal = signal;
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
    },
  };
  return { view, filters, listening };
}

async function kiosk(clinicView?: ClinicView) {
  const config = parseConfig({ staff: { pinHash } });
  const records: ExportRecord[] = [];
  const { host, client } = createInMemoryPair();
  const events: { event: EventChannel; payload: unknown }[] = [];
  client.on('staff.changed', (payload) => events.push({ event: 'staff.changed', payload }));
  const running = await startKiosk(host, config, {
    clock: manualClock('2026-12-01T00:00:00.000Z'),
    exporter: {
      exportCsv: () => '',
      recordExport: (record) => records.push(record),
    },
    ...(clinicView ? { clinicView } : {}),
  });
  await client.invoke('renderer.ready', {});
  const login = await client.invoke('staff.login', { pin: '5823', account: '管理者' });
  if (!login.ok) throw new Error(login.error.message);
  return { client, running, records, events, token: login.value.token };
}

describe('clinic view channels', () => {
  it('are refused without a clinic view, and the status says there is none', async () => {
    const k = await kiosk();
    expect(await k.client.invoke('staff.status', { token: k.token })).toMatchObject({
      ok: true,
      value: { clinicView: false },
    });
    expect(await k.client.invoke('staff.clinic.terminals', { token: k.token })).toMatchObject({
      ok: false,
      error: { code: 'central.unavailable', message: expect.stringContaining('central.consoleUrl') },
    });
    await k.running.stop();
  });

  it('need a live staff token', async () => {
    const k = await kiosk(fakeView().view);
    expect(await k.client.invoke('staff.clinic.list', { token: 'x'.repeat(32), filter: {} })).toMatchObject({
      ok: false,
      error: { code: 'staff.unauthorized' },
    });
    await k.running.stop();
  });

  it('pass the filter on, and record the clinic export with the account that took it', async () => {
    const fake = fakeView();
    const k = await kiosk(fake.view);
    expect(await k.client.invoke('staff.status', { token: k.token })).toMatchObject({
      value: { clinicView: true },
    });
    await k.client.invoke('staff.clinic.list', { token: k.token, filter: { terminal: 't2', offset: 20 } });
    expect(fake.filters).toEqual([{ terminal: 't2', offset: 20 }]);
    const exported = await k.client.invoke('staff.clinic.export', {
      token: k.token,
      from: '2026-12-01',
      to: '2026-12-01',
    });
    expect(exported).toMatchObject({
      ok: true,
      value: { fileName: 'clinic_confirmations_2026-12-01_2026-12-01.csv' },
    });
    expect(k.records).toEqual([{ staffId: '管理者', scope: 'clinic', from: '2026-12-01', to: '2026-12-01' }]);
    await k.running.stop();
  });

  it('answer a server that cannot be read in staff words, and a bad range as a bad request', async () => {
    const away = await kiosk(fakeView(new CentralError('central.unreachable', 'ECONNREFUSED')).view);
    expect(await away.client.invoke('staff.clinic.list', { token: away.token, filter: {} })).toMatchObject({
      ok: false,
      error: { code: 'central.unavailable', message: expect.stringContaining('院内の記録を読めません') },
    });
    expect(away.records).toEqual([]);
    await away.running.stop();
    const range = await kiosk(
      fakeView(new CentralError('central.config', '期間は31日以内にしてください')).view,
    );
    expect(
      await range.client.invoke('staff.clinic.export', {
        token: range.token,
        from: '2026-01-01',
        to: '2026-12-01',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ipc.invalid-request' } });
    expect(range.records).toEqual([]);
    await range.running.stop();
  });

  it('push a staff need heard from any terminal to the console, and stop listening with the kiosk', async () => {
    const fake = fakeView();
    const k = await kiosk(fake.view);
    fake.listening.handlers?.onEvent({
      id: 1,
      terminal: 't2',
      kind: 'card-left',
      reader: 'R2',
      active: true,
    });
    expect(k.events.at(-1)?.payload).toMatchObject({ reason: 'clinic', reader: 'R2' });
    await k.running.stop();
    expect(fake.listening.signal?.aborted).toBe(true);
  });
});
