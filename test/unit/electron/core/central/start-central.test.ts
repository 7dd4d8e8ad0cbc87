// Starting the central record from the kiosk: nothing without a URL or a log file; bad settings never stop the kiosk.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CentralConfigSchema } from '../../../../../electron/core/central/central-config';
import {
  staffNeedsOf,
  startCentralReplication,
  terminalHealthOf,
} from '../../../../../electron/core/central/start-central';
import { openClinicView } from '../../../../../electron/core/central/start-clinic-view';
import { manualClock } from '../../../../support/manual-clock';

const clock = { nowMs: () => 0 };

afterEach(() => vi.restoreAllMocks());

describe('startCentralReplication', () => {
  it('does nothing without central.url', () => {
    expect(
      startCentralReplication({ central: CentralConfigSchema.parse({}), logPath: '/tmp/x.sqlite', clock }),
    ).toBeUndefined();
  });

  it('ships nothing from a log kept in memory, and says so', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const central = CentralConfigSchema.parse({
      url: 'postgres://k@localhost/kiosk',
      tls: { mode: 'disable' },
    });
    expect(startCentralReplication({ central, logPath: ':memory:', clock })).toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('in memory'));
  });

  it('reports an unusable password file by its code and leaves the kiosk running', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const central = CentralConfigSchema.parse({
      url: 'postgres://k@localhost/kiosk',
      passwordFile: '/nonexistent/kiosk.password',
      tls: { mode: 'disable' },
    });
    expect(startCentralReplication({ central, logPath: '/tmp/x.sqlite', clock })).toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('central.password-file'));
  });
});

describe('terminalHealthOf', () => {
  it('maps the kiosk health reading onto the heartbeat', () => {
    expect(terminalHealthOf(undefined)).toEqual({ reader: 'unknown', gateway: 'unknown', log: 'unknown' });
    expect(terminalHealthOf({ readerService: 'down', gateway: { ok: true }, log: { ok: false } })).toEqual({
      reader: 'down',
      gateway: 'up',
      log: 'down',
    });
  });
});

describe('staffNeedsOf', () => {
  it('is nothing without a session controller', () => {
    expect(staffNeedsOf(undefined)).toEqual([]);
  });

  it('names each 目視確認 waiting and card left by reader, and out of service for the whole terminal', () => {
    expect(
      staffNeedsOf({
        visualPending: () => [{ reader: 'R1' }],
        cardsLeft: () => [{ reader: 'R2' }],
        screen: () => ({ name: 'out-of-service' }),
      }),
    ).toEqual([
      { kind: 'visual-pending', reader: 'R1' },
      { kind: 'card-left', reader: 'R2' },
      { kind: 'out-of-service', reader: '' },
    ]);
    expect(
      staffNeedsOf({ visualPending: () => [], cardsLeft: () => [], screen: () => ({ name: 'idle' }) }),
    ).toEqual([]);
  });
});

describe('openClinicView', () => {
  const clock = manualClock('2026-12-01T00:00:00.000Z');

  it('does nothing without central.consoleUrl, even with central.url', () => {
    const central = CentralConfigSchema.parse({
      url: 'postgres://k@localhost/kiosk',
      tls: { mode: 'disable' },
    });
    expect(openClinicView(central, clock)).toBeUndefined();
  });

  it('reports an unusable console password file by its code and leaves the kiosk running', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const central = CentralConfigSchema.parse({
      consoleUrl: 'postgres://kiosk_view@localhost/kiosk',
      consolePasswordFile: '/nonexistent/kiosk-view.password',
      tls: { mode: 'disable' },
    });
    expect(openClinicView(central, clock)).toBeUndefined();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('central.password-file'));
  });
});
