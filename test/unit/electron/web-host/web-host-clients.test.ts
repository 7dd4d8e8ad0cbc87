// The browser host per kind of client, over real sockets: one rate-limit bucket per page kind that reconnecting does not refill, a slot kept for the kiosk page, and the staff lockout per surface.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startKiosk, type RunningKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { wireClientOf } from '../../../../electron/common/wire';
import { hashStaffPin } from '../../../../electron/core/staff/staff-pin';
import { createWebHost, type WebHost, type WebHostOptions } from '../../../../electron/web-host/web-host';

let host: WebHost;
let kiosk: RunningKiosk | undefined;
const sockets: WebSocket[] = [];

async function start(options: Partial<WebHostOptions> = {}, config: unknown = {}): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  host = createWebHost({ staticDir: dir, port: 0, ...options });
  kiosk = await startKiosk(host, parseConfig(config));
  await host.listen();
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await kiosk?.stop();
  kiosk = undefined;
});

/** A socket as the renderer's bridge opens it for a page kind; no kind: as any other client would. */
function open(client?: string): Promise<WebSocket> {
  const query = `token=${encodeURIComponent(host.token)}${client ? `&client=${client}` : ''}`;
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?${query}`, {
    headers: { Origin: host.origin },
  });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** One call: its answer, or `closed <reason>` when the host ends the socket instead. */
function call(ws: WebSocket, channel: string, req: unknown = {}): Promise<Answer | string> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(String(data)) as { t: string; result?: Answer };
      if (frame.t !== 'result' || !frame.result) return;
      ws.off('close', onClose);
      ws.off('message', onMessage);
      resolve(frame.result);
    };
    const onClose = (_code: number, reason: Buffer): void => resolve(`closed ${reason.toString()}`);
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(JSON.stringify({ t: 'invoke', id: 1, channel, request: req }));
  });
}

const codeOf = (answer: Answer | string): string =>
  typeof answer === 'string' ? answer : answer.ok ? 'ok' : answer.error.code;

function getPage(): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${host.origin}/`, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('the page kind the renderer names', () => {
  it('/staff and /simulator are theirs; the patient page and anything else is the kiosk', () => {
    expect(['/', '/index.html', '/staff', '/simulator', '/other'].map(wireClientOf)).toEqual([
      'kiosk',
      'kiosk',
      'staff',
      'simulator',
      'kiosk',
    ]);
  });
});

describe('browser host rate limit per kind of client', () => {
  it('reconnecting does not refill the bucket; another kind of page has its own', async () => {
    // The clock stands still: nothing refills during the test.
    await start({ rateLimit: { capacity: 3, refillPerSecond: 1 }, now: () => 1_000 });
    const first = await open('kiosk');
    for (let i = 0; i < 3; i++) expect(codeOf(await call(first, 'session.get'))).toBe('ok');
    expect(await call(first, 'session.get')).toBe('closed rate limit exceeded');
    // A new connection of the same page kind starts with the bucket its predecessor emptied.
    const second = await open('kiosk');
    expect(await call(second, 'session.get')).toBe('closed rate limit exceeded');
    // The staff console is another client: its calls still go through.
    const staff = await open('staff');
    expect(codeOf(await call(staff, 'session.get'))).toBe('ok');
  });

  it('connections that name no page kind share one bucket too', async () => {
    await start({ rateLimit: { capacity: 2, refillPerSecond: 1 }, now: () => 1_000 });
    const a = await open();
    const b = await open('not-a-page');
    expect(codeOf(await call(a, 'session.get'))).toBe('ok');
    expect(codeOf(await call(b, 'session.get'))).toBe('ok');
    const c = await open();
    expect(await call(c, 'session.get')).toBe('closed rate limit exceeded');
    // The kiosk page is not in that bucket.
    expect(codeOf(await call(await open('kiosk'), 'session.get'))).toBe('ok');
  });
});

describe('browser host connection slot kept for the kiosk page', () => {
  it('a flood of 20 connections fills 15 slots; the kiosk page still connects and is served', async () => {
    await start();
    const flood = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => open(i % 2 === 0 ? 'staff' : undefined)),
    );
    const refused = flood.filter((r) => r.status === 'rejected');
    expect(flood.length - refused.length).toBe(15);
    for (const r of refused) expect(String((r as PromiseRejectedResult).reason)).toContain('HTTP 503');
    // The page itself is static and always served; its socket gets the kept slot.
    expect(await getPage()).toBe(200);
    const page = await open('kiosk');
    expect(codeOf(await call(page, 'session.get'))).toBe('ok');
    expect(host.connectionCount()).toBe(16);
    // Full now: even a second kiosk page waits for a slot.
    await expect(open('kiosk')).rejects.toThrow('HTTP 503');
  });

  it('on a staff terminal the kept slot is the staff console’s', async () => {
    await start({ maxConnections: 2, mode: 'staff' });
    const other = await open('kiosk');
    await expect(open('simulator')).rejects.toThrow('HTTP 503');
    const own = await open('staff');
    expect(codeOf(await call(own, 'session.get'))).toBe('ok');
    other.close();
  });

  it('a slot freed by a closing connection is counted back', async () => {
    await start({ maxConnections: 2 });
    const a = await open('staff');
    await expect(open('staff')).rejects.toThrow('HTTP 503');
    const closed = new Promise((resolve) => a.once('close', resolve));
    a.close();
    await closed;
    // The host sees the close a moment after the client does.
    await expect.poll(() => host.connectionCount()).toBe(0);
    expect(codeOf(await call(await open('staff'), 'session.get'))).toBe('ok');
  });
});

describe('staff lockout per surface through the browser host', () => {
  it('five wrong PINs at the kiosk lock the kiosk entry; the desk console still signs in', async () => {
    const pinHash = await hashStaffPin('582301', { N: 1024, r: 8, p: 1 });
    await start({}, { staff: { pinHash, maxFailures: 5, lockoutMinutes: 5 } });
    const kioskPage = await open('staff');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(codeOf(await call(kioskPage, 'staff.login', { pin: `00000${i}`, surface: 'kiosk' })));
    }
    expect(codes).toEqual([
      'staff.pin-wrong',
      'staff.pin-wrong',
      'staff.pin-wrong',
      'staff.pin-wrong',
      'staff.locked-out',
    ]);
    expect(codeOf(await call(kioskPage, 'staff.login', { pin: '582301', surface: 'kiosk' }))).toBe(
      'staff.locked-out',
    );
    const desk = await open('staff');
    expect(codeOf(await call(desk, 'staff.login', { pin: '582301', surface: 'desk' }))).toBe('ok');
  });
});
