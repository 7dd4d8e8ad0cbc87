// Starting the central record from the kiosk: nothing without a URL or a log file; bad settings never stop the kiosk.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CentralConfigSchema } from '../../../../../electron/core/central/central-config';
import {
  startCentralReplication,
  terminalHealthOf,
} from '../../../../../electron/core/central/start-central';

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
