// The browser host: loopback only, the per-launch token and the Origin are required on the socket.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startKiosk, type RunningKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';

let host: WebHost;
let kiosk: RunningKiosk;
let pageUrl: string;

beforeEach(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  await writeFile(path.join(dir, 'assets', 'app.js'), 'void 0');
  host = createWebHost({ staticDir: dir, port: 0 });
  kiosk = await startKiosk(host, parseConfig({}));
  pageUrl = await host.listen();
});

afterEach(async () => {
  await kiosk.stop();
});

function socket(opts: { token?: string | null; origin?: string | null }): Promise<WebSocket> {
  const token = opts.token === undefined ? host.token : opts.token;
  const url = `${host.origin.replace('http', 'ws')}/ipc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const headers: Record<string, string> = {};
  const origin = opts.origin === undefined ? host.origin : opts.origin;
  if (origin !== null) headers.Origin = origin;
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.send(JSON.stringify(frame));
  });
}

function get(pathname: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${host.origin}${pathname}`, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 and puts the token in the page URL', () => {
    expect(new URL(pageUrl).hostname).toBe('127.0.0.1');
    expect(new URL(pageUrl).searchParams.get('token')).toBe(host.token);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('uses a different token on every launch', () => {
    expect(createWebHost({ staticDir: '/x', port: 0 }).token).not.toBe(host.token);
  });

  it('serves the renderer with security headers and no traversal', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('受付');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).status).toBe(404);
  });

  it('refuses a socket without the token', async () => {
    await expect(socket({ token: null })).rejects.toThrow('HTTP 403');
  });

  it('refuses a socket with a wrong token', async () => {
    await expect(socket({ token: 'x'.repeat(host.token.length) })).rejects.toThrow('HTTP 403');
  });

  it('refuses a socket from another Origin, even with the token', async () => {
    await expect(socket({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(socket({ origin: 'http://127.0.0.1:1' })).rejects.toThrow('HTTP 403');
    await expect(socket({ origin: null })).rejects.toThrow('HTTP 403');
  });

  it('answers a contract call on an accepted socket', async () => {
    const ws = await socket({});
    const reply = await call(ws, { t: 'invoke', id: 7, channel: 'session.get', request: {} });
    expect(reply).toMatchObject({
      t: 'result',
      id: 7,
      result: { ok: true, value: { screen: { name: 'idle' } } },
    });
    const bad = await call(ws, { t: 'invoke', id: 8, channel: 'preferences.set', request: { language: 1 } });
    expect(bad).toMatchObject({ id: 8, result: { ok: false, error: { code: 'ipc.invalid-request' } } });
    ws.close();
  });

  it('closes a socket that sends a malformed frame', async () => {
    const ws = await socket({});
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{not json');
    expect(await closed).toBe(1008);
  });

  it('closes a socket that sends an oversized message', async () => {
    const ws = await socket({});
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(
      JSON.stringify({ t: 'invoke', id: 1, channel: 'session.get', request: { pad: 'x'.repeat(200_000) } }),
    );
    expect(await closed).toBe(1009);
  });

  it('pushes snapshots only after the page says ready', async () => {
    const ws = await socket({});
    const events: unknown[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { t: string };
      if (frame.t === 'event') events.push(frame);
    });
    kiosk.core.handlers['preferences.set']({ language: 'en' });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([]);
    await call(ws, { t: 'invoke', id: 1, channel: 'renderer.ready', request: {} });
    kiosk.core.handlers['preferences.set']({ language: 'ko' });
    await new Promise((r) => setTimeout(r, 50));
    // The held snapshot arrives at ready, then live ones follow.
    expect(events).toMatchObject([
      { t: 'event', event: 'session.changed', payload: { preferences: { language: 'en' } } },
      { t: 'event', event: 'session.changed', payload: { preferences: { language: 'ko' } } },
    ]);
    ws.close();
  });
});
