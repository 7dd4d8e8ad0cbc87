// Electron main settings, asserted against a fake `electron` module: lockdown, protocol, IPC sender checks.
import { beforeEach, describe, expect, it } from 'vitest';
import { invokeChannelNames } from '../../../../electron/common/contract';
import { resolveAppUrl } from '../../../../electron/main/app-protocol';
import { FakeBrowserWindow, type FakeElectron } from '../../../support/fake-electron';
import { kioskWindow, rendererFolder, startMain } from './support/main-harness';

let rendererDir: string;

const start = (config = {}, lockGranted = true): Promise<FakeElectron> =>
  startMain(config, { rendererDir, lockGranted });

const win = kioskWindow;

beforeEach(async () => {
  rendererDir = await rendererFolder();
});

describe('Electron main process', () => {
  it('quits when another instance holds the lock', async () => {
    const fake = await start({}, false);
    expect(fake.app.quitCalled).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('creates one window with isolation, sandbox, no node, web security', async () => {
    await start();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });

  it('goes fullscreen kiosk from config', async () => {
    await start({ window: { kiosk: true } });
    expect(win().options).toMatchObject({ kiosk: true, fullscreen: true });
    await start({ window: { kiosk: false } });
    expect(win().options).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('loads the renderer from app://, never file://', async () => {
    const fake = await start();
    expect(win().loadedUrl).toBe('app://kiosk/');
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    const page = await handler(new Request('app://kiosk/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('受付');
    const escape = await handler(new Request('app://kiosk/..%2F..%2Fetc%2Fpasswd'));
    expect(escape.status).toBe(404);
  });

  it('keeps app:// paths inside the renderer folder', () => {
    expect(resolveAppUrl('/r', 'app://kiosk/assets/a.js')).toEqual({ kind: 'file', file: '/r/assets/a.js' });
    expect(resolveAppUrl('/r', 'app://kiosk/%2e%2e/secret')).toEqual({ kind: 'file', file: '/r/secret' });
    expect(resolveAppUrl('/r', 'app://kiosk/..%2F..%2Fsecret')).toEqual({ kind: 'outside' });
    expect(resolveAppUrl('/r', 'app://other/index.html')).toEqual({ kind: 'outside' });
    expect(resolveAppUrl('/r', 'file:///etc/passwd')).toEqual({ kind: 'outside' });
  });

  it('sets a strict CSP on every response', async () => {
    const fake = await start();
    let headers: Record<string, string[]> = {};
    fake.session.headersReceived?.(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => {
        headers = r.responseHeaders;
      },
    );
    const csp = headers['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('denies every permission request and check', async () => {
    const fake = await start();
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'clipboard-read']) {
      let granted: boolean | undefined;
      fake.session.permissionRequest?.({}, permission, (g: boolean) => (granted = g));
      expect(granted).toBe(false);
      expect(fake.session.permissionCheck?.({}, permission)).toBe(false);
    }
    expect(fake.session.devicePermission?.({})).toBe(false);
  });

  it('denies window.open and blocks navigation away', async () => {
    await start();
    const contents = win().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://kiosk/staff')).toBe(false);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('hardens any other web contents created later', async () => {
    const fake = await start();
    const { FakeWebContents } = await import('../../../support/fake-electron');
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'x' })).toEqual({ action: 'deny' });
    expect(other.fire('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('registers a handler for every contract channel and refuses other senders', async () => {
    const fake = await start();
    expect([...fake.handlers.keys()].sort()).toEqual([...invokeChannelNames].sort());
    const handler = fake.handlers.get('session.get');
    if (!handler) throw new Error('missing handler');
    const contents = win().webContents;
    const own = { sender: contents, senderFrame: contents.mainFrame };
    expect(await handler(own, {})).toMatchObject({ ok: true });
    const foreignFrame = { sender: contents, senderFrame: { url: 'app://kiosk/' } };
    expect(await handler(foreignFrame, {})).toMatchObject({ ok: false, error: { code: 'ipc.forbidden' } });
    const otherSender = { sender: {}, senderFrame: contents.mainFrame };
    expect(await handler(otherSender, {})).toMatchObject({ ok: false, error: { code: 'ipc.forbidden' } });
    contents.mainFrame.url = 'https://evil.example/';
    expect(await handler(own, {})).toMatchObject({ ok: false, error: { code: 'ipc.forbidden' } });
  });

  it('holds main→renderer events until the renderer says ready, and again after a reload', async () => {
    const fake = await start();
    const contents = win().webContents;
    const own = { sender: contents, senderFrame: contents.mainFrame };
    await fake.handlers.get('preferences.set')?.(own, { language: 'en' });
    expect(contents.sent).toEqual([]);
    await fake.handlers.get('renderer.ready')?.(own, {});
    expect(contents.sent.map((s) => s.channel)).toEqual(['session.changed']);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    await fake.handlers.get('preferences.set')?.(own, { language: 'ko' });
    expect(contents.sent).toHaveLength(1);
    await fake.handlers.get('renderer.ready')?.(own, {});
    expect(contents.sent).toHaveLength(2);
  });
});
