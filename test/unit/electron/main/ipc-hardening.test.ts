// The renderer is untrusted: oversized and malformed IPC is refused with a code, and the window cannot navigate, open windows, download or embed.
import { beforeEach, describe, expect, it } from 'vitest';
import { invokeChannelNames, maxMessageBytes } from '../../../../electron/common/contract';
import { type FakeElectron } from '../../../support/fake-electron';
import { invokeAsKiosk, kioskWindow, startMain } from './support/main-harness';

let fake: FakeElectron;

beforeEach(async () => {
  fake = await startMain();
});

const win = kioskWindow;
const invoke = (channel: string, request: unknown): Promise<unknown> => invokeAsKiosk(fake, channel, request);

const refusedWith = (code: string): object => ({ ok: false, error: { code } });

describe('Electron IPC from an untrusted renderer', () => {
  it('refuses a request larger than the message bound with ipc.payload-too-large', async () => {
    const big = { language: 'en', pad: 'x'.repeat(maxMessageBytes) };
    expect(await invoke('preferences.set', big)).toMatchObject(refusedWith('ipc.payload-too-large'));
    // Multi-byte text is measured in bytes, not characters.
    const wide = { pad: '受'.repeat(Math.ceil(maxMessageBytes / 3) + 1) };
    expect(await invoke('session.get', wide)).toMatchObject(refusedWith('ipc.payload-too-large'));
  });

  it('refuses a value that cannot be serialised (a cycle) without throwing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await invoke('session.get', cyclic)).toMatchObject(refusedWith('ipc.payload-too-large'));
  });

  it('refuses malformed requests with ipc.invalid-request', async () => {
    for (const request of [
      undefined,
      null,
      'session',
      42,
      [],
      { language: 1 },
      { language: 'xx' },
      { language: 'en', extra: true },
      { largeText: 'yes' },
    ]) {
      expect(await invoke('preferences.set', request)).toMatchObject(refusedWith('ipc.invalid-request'));
    }
    expect(await invoke('session.get', { unexpected: 1 })).toMatchObject(refusedWith('ipc.invalid-request'));
  });

  it('changes nothing when a request is refused', async () => {
    await invoke('preferences.set', { language: 'en', extra: true });
    await invoke('preferences.set', { language: 'ko', pad: 'x'.repeat(maxMessageBytes) });
    expect(await invoke('session.get', {})).toMatchObject({
      ok: true,
      value: { preferences: { language: 'ja' } },
    });
  });

  it('registers handlers for contract channels only', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...invokeChannelNames].sort());
    for (const channel of ['shell.openExternal', 'eval', '__proto__', 'ELECTRON_BROWSER_REQUIRE']) {
      expect(fake.handlers.has(channel)).toBe(false);
    }
  });

  it('refuses a call from a sub-frame or another window even when well formed', async () => {
    const handler = fake.handlers.get('preferences.set');
    if (!handler) throw new Error('missing handler');
    const contents = win().webContents;
    const subFrame = { url: 'app://kiosk/' };
    expect(await handler({ sender: contents, senderFrame: subFrame }, { language: 'en' })).toMatchObject(
      refusedWith('ipc.forbidden'),
    );
    expect(await handler({ sender: contents, senderFrame: null }, { language: 'en' })).toMatchObject(
      refusedWith('ipc.forbidden'),
    );
    win().destroyed = true;
    expect(
      await handler({ sender: contents, senderFrame: contents.mainFrame }, { language: 'en' }),
    ).toMatchObject(refusedWith('ipc.forbidden'));
  });
});

describe('Electron window lockdown', () => {
  it('denies every new window, whatever opened it', () => {
    const handler = win().webContents.windowOpenHandler;
    if (!handler) throw new Error('no window-open handler');
    // window.open, target=_blank, shift-click, middle-click (auxclick) all arrive here with a disposition.
    for (const disposition of ['new-window', 'foreground-tab', 'background-tab', 'other']) {
      for (const url of [
        'https://evil.example/',
        'app://kiosk/staff',
        'file:///C:/Windows/',
        'about:blank',
      ]) {
        expect(handler({ url, disposition } as { url: string })).toEqual({ action: 'deny' });
      }
    }
  });

  it('turns off middle-click events and dialogs in the page', () => {
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(prefs.disableDialogs).toBe(true);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('blocks navigation of the main frame and of any sub-frame away from app://kiosk', () => {
    const contents = win().webContents;
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://other/',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'not a url',
    ]) {
      expect(contents.fire('will-navigate', url)).toBe(true);
      expect(contents.fire('will-redirect', url)).toBe(true);
      expect(contents.fireDetails('will-frame-navigate', { url, isMainFrame: false })).toBe(true);
      expect(contents.fireDetails('will-frame-navigate', { url, isMainFrame: true })).toBe(true);
    }
    expect(contents.fireDetails('will-frame-navigate', { url: 'app://kiosk/staff', isMainFrame: true })).toBe(
      false,
    );
  });

  it('refuses to attach a webview', () => {
    expect(win().webContents.fire('will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(true);
  });

  it('cancels every download', () => {
    let prevented = false;
    fake.sessionEvents.emit('will-download', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('sandboxes every renderer and removes the application menu and its shortcuts', () => {
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.applicationMenu).toEqual({ set: true, value: null });
  });
});
