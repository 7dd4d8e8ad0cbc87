// A page from another origin on another loopback port, in real Chromium, can neither read the kiosk nor drive it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import { startKiosk, type RunningKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';
import { hasChromium } from '../../../support/requirements';
import { launchBrowser } from '../../../e2e/support/kiosk-page';

/** Text only the kiosk page contains: if the other origin can read it, the test sees it. */
const kioskMarker = '受付-kiosk-page-marker';

describe.runIf(hasChromium())('browser host against another origin in Chromium', () => {
  let host: WebHost;
  let kiosk: RunningKiosk;
  let kioskPageUrl: string;
  let evil: Server;
  let evilOrigin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
    await writeFile(
      path.join(dir, 'index.html'),
      `<!doctype html><title>${kioskMarker}</title><p>${kioskMarker}</p>`,
    );
    host = createWebHost({ staticDir: dir, port: 0 });
    kiosk = await startKiosk(host, parseConfig({}));
    kioskPageUrl = await host.listen();

    evil = createServer((_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>other</title>');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;

    browser = await launchBrowser();
    page = await browser.newPage();
    // Starting Chromium on a busy two-core CI machine can take longer than the default hook timeout.
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
  }, 60_000);

  /**
   * In the page: open a socket and, if it opens, try to change the kiosk's language. Resolves with what
   * happened; the 5 s guard only ends a socket that never settles. Written as page source (not a closure) so
   * it runs exactly as a hostile page's own script would.
   */
  const trySocket = (target: Page, url: string): Promise<string> =>
    target.evaluate(`new Promise((resolve) => {
      const ws = new WebSocket(${JSON.stringify(url)});
      const guard = setTimeout(() => resolve('no answer'), 5000);
      ws.onopen = () => ws.send(JSON.stringify(
        { t: 'invoke', id: 1, channel: 'preferences.set', request: { language: 'ko' } }));
      ws.onmessage = () => { clearTimeout(guard); ws.close(); resolve('answered'); };
      ws.onerror = () => { clearTimeout(guard); resolve('refused'); };
    })`);

  const wsUrl = (token: string, hostName = '127.0.0.1'): string =>
    `ws://${hostName}:${new URL(host.origin).port}/ipc?token=${encodeURIComponent(token)}`;

  /** The kiosk's language, asked over a legitimate connection. */
  async function kioskLanguage(): Promise<string> {
    const ws = new NodeWebSocket(wsUrl(host.token), { headers: { Origin: host.origin } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = await new Promise<{ result: { value: { preferences: { language: string } } } }>(
      (resolve) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data)) as never));
        ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'session.get', request: {} }));
      },
    );
    ws.close();
    return reply.result.value.preferences.language;
  }

  it('lets the kiosk page itself connect and call (the control that shows the probe works)', async () => {
    await page.goto(kioskPageUrl);
    expect(await page.content()).toContain(kioskMarker);
    expect(await trySocket(page, wsUrl(host.token))).toBe('answered');
    expect(await kioskLanguage()).toBe('ko');
    await kiosk.core.handlers['preferences.set']({ language: 'ja' });
  });

  it('refuses the other origin a socket, with a guessed token and even with the real one', async () => {
    await page.goto(`${evilOrigin}/`);
    expect(await trySocket(page, wsUrl('guess'))).toBe('refused');
    expect(await trySocket(page, wsUrl('x'.repeat(host.token.length)))).toBe('refused');
    expect(await trySocket(page, wsUrl(host.token))).toBe('refused');
    expect(await trySocket(page, wsUrl(host.token, 'localhost'))).toBe('refused');
    expect(host.connectionCount()).toBe(0);
    expect(await kioskLanguage()).toBe('ja');
  });

  it('lets the other origin read nothing of the kiosk page (CORS), and its writes do nothing', async () => {
    await page.goto(`${evilOrigin}/`);
    const outcome = await page.evaluate(`(async (url) => {
      const attempt = async (label, run) => {
        try {
          return await run();
        } catch (error) {
          return 'blocked: ' + error.name;
        }
      };
      return {
        cors: await attempt('cors', async () => 'read ' + (await (await fetch(url)).text()).length),
        opaque: await attempt('opaque', async () => {
          const res = await fetch(url, { mode: 'no-cors' });
          return res.type + ' ' + (await res.text()).length;
        }),
        post: await attempt('post', async () => {
          const res = await fetch(url, { method: 'POST', mode: 'no-cors', body: '{"language":"ko"}' });
          return res.type + ' ' + res.status;
        }),
      };
    })(${JSON.stringify(kioskPageUrl)})`);
    // CORS refuses the read; Cross-Origin-Resource-Policy refuses even an opaque (no-cors) response.
    expect(outcome).toEqual({
      cors: 'blocked: TypeError',
      opaque: 'blocked: TypeError',
      post: 'blocked: TypeError',
    });
    expect(await kioskLanguage()).toBe('ja');
  });

  it('cannot frame the kiosk page to read or click it', async () => {
    await page.goto(`${evilOrigin}/`);
    const access = await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = ${JSON.stringify(kioskPageUrl)};
      frame.onload = () => {
        try {
          resolve(frame.contentDocument ? 'document readable' : 'no document');
        } catch {
          resolve('no document');
        }
      };
      document.body.append(frame);
    })`);
    expect(access).toBe('no document');
    // Chromium itself never rendered the kiosk inside the frame (X-Frame-Options / frame-ancestors).
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(child).toBeDefined();
    expect(await child?.content()).not.toContain(kioskMarker);
  });
});
