// A crashed or hung renderer is reloaded with the kiosk at idle; three crashes in a minute show the out-of-service page.
import { beforeEach, describe, expect, it } from 'vitest';
import { outOfServiceUrl } from '../../../../electron/main/app-protocol';
import { watchRenderer, type RecoverableWindow } from '../../../../electron/main/renderer-recovery';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../../../support/fake-electron';
import { invokeAsKiosk, kioskWindow, startMain } from './support/main-harness';

const win = kioskWindow;

const gone = (reason: string, exitCode = 139): void => {
  win().webContents.emit('render-process-gone', {}, { reason, exitCode });
};

/** A recovery on a fake window with a clock moved by hand; resets and log lines recorded. */
function watched(limit = { crashes: 3, windowMs: 60_000 }): {
  resets: () => number;
  lines: string[];
  clock: { ms: number };
} {
  createFakeElectron();
  const window = new FakeBrowserWindow({});
  let resets = 0;
  const lines: string[] = [];
  const clock = { ms: 1_000_000 };
  watchRenderer(window as unknown as RecoverableWindow, {
    resetSession: async () => {
      resets += 1;
    },
    outOfServiceUrl,
    limit,
    now: () => clock.ms,
    log: (line) => lines.push(line),
  });
  return { resets: () => resets, lines, clock };
}

describe('watchRenderer', () => {
  it('reloads a crashed renderer after resetting the session, and logs only the reason', () => {
    const { resets, lines } = watched();
    gone('crashed', 11);
    expect(resets()).toBe(1);
    expect(win().webContents.reloads).toBe(1);
    expect(win().loads).toEqual([]);
    expect(lines).toEqual(['[renderer] gone: crashed, exit code 11; session reset, reloading (1 of 3)']);
  });

  it('ends a hung renderer, which then takes the crash path', () => {
    const { resets } = watched();
    win().webContents.emit('unresponsive');
    expect(win().webContents.crashesForced).toBe(1);
    gone('killed');
    expect(resets()).toBe(1);
    expect(win().webContents.reloads).toBe(1);
  });

  it('shows the out-of-service page at the third crash within a minute, then stops reloading', () => {
    const { resets, clock } = watched();
    gone('crashed');
    clock.ms += 20_000;
    gone('oom');
    clock.ms += 20_000;
    gone('crashed');
    expect(win().webContents.reloads).toBe(2);
    expect(win().loads).toEqual(['app://kiosk/out-of-service.html']);
    expect(resets()).toBe(3);
    gone('crashed');
    expect(win().webContents.reloads).toBe(2);
    expect(win().loads).toHaveLength(1);
  });

  it('counts only the crashes of the last minute', () => {
    const { clock } = watched();
    gone('crashed');
    clock.ms += 40_000;
    gone('crashed');
    clock.ms += 30_000;
    // The first crash is now 70 s old: two within the minute, so this one reloads too.
    gone('crashed');
    expect(win().webContents.reloads).toBe(3);
    expect(win().loads).toEqual([]);
  });

  it('ignores a clean exit (the window closing) and a destroyed window', () => {
    const { resets } = watched();
    gone('clean-exit', 0);
    win().destroyed = true;
    gone('crashed');
    win().webContents.emit('unresponsive');
    expect(resets()).toBe(0);
    expect(win().webContents.reloads).toBe(0);
    expect(win().webContents.crashesForced).toBe(0);
  });
});

describe('renderer recovery in the main process', () => {
  let fake: FakeElectron;

  beforeEach(async () => {
    fake = await startMain({ ui: { languages: ['ja', 'en'] } });
  });

  const invoke = (channel: string, request: unknown): Promise<unknown> =>
    invokeAsKiosk(fake, channel, request);

  it('a crash returns the core to idle with default preferences and reloads the window', async () => {
    await invoke('renderer.ready', {});
    expect(await invoke('preferences.set', { language: 'en' })).toMatchObject({
      ok: true,
      value: { preferences: { language: 'en' } },
    });
    win().webContents.sent = [];
    gone('crashed');
    await new Promise((r) => setImmediate(r));
    expect(win().webContents.reloads).toBe(1);
    expect(await invoke('session.get', {})).toMatchObject({
      ok: true,
      value: { screen: { name: 'idle' }, preferences: { language: 'ja' } },
    });
    // Events wait for the reloaded renderer's ready.
    expect(win().webContents.sent).toEqual([]);
  });

  /** The screen name once it is `name` (the simulated card reads asynchronously), or the last one seen. */
  async function screenBecomes(name: string): Promise<string> {
    let seen = '';
    for (let i = 0; i < 200 && seen !== name; i += 1) {
      const result = (await invoke('session.get', {})) as { value: { screen: { name: string } } };
      seen = result.value.screen.name;
      if (seen !== name) await new Promise((r) => setTimeout(r, 10));
    }
    return seen;
  }

  it('a crash mid check-in ends that session: the card is handed back, then the kiosk is idle', async () => {
    await invoke('renderer.ready', {});
    await invoke('sim.present', { variant: 'physical', holderId: 'p01' });
    expect(await screenBecomes('pin')).toBe('pin');
    gone('crashed');
    expect(await screenBecomes('take-card')).toBe('take-card');
    await invoke('sim.remove', {});
    expect(await screenBecomes('idle')).toBe('idle');
  });
});
