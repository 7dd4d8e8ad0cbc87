// The browser host against a hostile client: message bounds on every frame, a rate limit, Host and connection limits.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { maxMessageBytes } from '../../../../electron/common/contract';
import { ok } from '../../../../electron/common/result';
import { startKiosk, type RunningKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createWebHost, type WebHost, type WebHostOptions } from '../../../../electron/web-host/web-host';

let host: WebHost;
let kiosk: RunningKiosk | undefined;

async function start(options: Partial<WebHostOptions> = {}): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  host = createWebHost({ staticDir: dir, port: 0, ...options });
  kiosk = await startKiosk(host, parseConfig({}));
  await host.listen();
}

afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
});

function open(headers: Record<string, string> = {}, opts: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(
    `${host.origin.replace('http', 'ws')}/ipc?token=${encodeURIComponent(host.token)}`,
    {
      headers: { Origin: host.origin, ...headers },
      ...opts,
    },
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A socket opened as one kind of page (the `client` query parameter the renderer's bridge sends). */
function openAs(client: string): Promise<WebSocket> {
  const ws = new WebSocket(
    `${host.origin.replace('http', 'ws')}/ipc?token=${encodeURIComponent(host.token)}&client=${client}`,
    { headers: { Origin: host.origin } },
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Collects every frame the host sends, and the close code and reason. */
function watch(ws: WebSocket): {
  frames: { t: string; id?: number; result?: { ok: boolean; error?: { code: string } } }[];
  closed: Promise<{ code: number; reason: string }>;
} {
  const frames: { t: string; id?: number }[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as { t: string }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { frames, closed };
}

function call(ws: WebSocket, frame: unknown): Promise<{ id: number; result: { ok: boolean } }> {
  return new Promise((resolve) => {
    ws.once('message', (data) =>
      resolve(JSON.parse(String(data)) as { id: number; result: { ok: boolean } }),
    );
    ws.send(JSON.stringify(frame));
  });
}

const invoke = (id: number, channel = 'session.get', req: unknown = {}): unknown => ({
  t: 'invoke',
  id,
  channel,
  request: req,
});

function get(pathname: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${host.origin}${pathname}`, { headers: { Host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('browser host message bounds', () => {
  it('closes with 1009 a message over the bound sent as many small fragments', async () => {
    await start();
    const ws = await open();
    const { closed } = watch(ws);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const fragments = Math.ceil(maxMessageBytes / chunk.length) + 1;
    for (let i = 0; i < fragments; i++) ws.send(chunk, { fin: i === fragments - 1, binary: false });
    expect((await closed).code).toBe(1009);
  });

  it('closes with 1009 a single frame one byte over the bound', async () => {
    await start();
    const ws = await open();
    const { closed } = watch(ws);
    ws.send('x'.repeat(maxMessageBytes + 1));
    expect((await closed).code).toBe(1009);
  });

  it('negotiates no compression, so a small frame cannot inflate past the bound', async () => {
    await start();
    const ws = await open({}, { perMessageDeflate: true });
    expect(ws.extensions).toBe('');
    ws.close();
  });

  it('closes with 1008 a binary frame and a frame outside the wire schema', async () => {
    await start();
    for (const bad of [
      Buffer.from([1, 2, 3]),
      JSON.stringify({ t: 'invoke', id: -1, channel: 'session.get', request: {} }),
      JSON.stringify({ t: 'invoke', id: 1, channel: 'x'.repeat(65), request: {} }),
      JSON.stringify({ t: 'invoke', id: 1, channel: 'session.get', request: {}, extra: 1 }),
      JSON.stringify({ t: 'result', id: 1, result: {} }),
      'null',
    ]) {
      const ws = await open();
      const { closed } = watch(ws);
      ws.send(bad);
      expect((await closed).code).toBe(1008);
    }
  });

  it('answers well-framed but malformed requests with a code and keeps the connection', async () => {
    await start();
    const ws = await open();
    expect(await call(ws, invoke(1, 'shell.openExternal'))).toMatchObject({
      id: 1,
      result: { ok: false, error: { code: 'ipc.unknown-channel' } },
    });
    expect(await call(ws, invoke(2, 'preferences.set', { language: 'en', evil: true }))).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'ipc.invalid-request' } },
    });
    expect(await call(ws, invoke(3, 'preferences.set', 'en'))).toMatchObject({
      id: 3,
      result: { ok: false, error: { code: 'ipc.invalid-request' } },
    });
    expect(await call(ws, invoke(4))).toMatchObject({ id: 4, result: { ok: true } });
    ws.close();
  });
});

describe('browser host rate limit', () => {
  it('cuts off a connection that sends invoke frames faster than the bucket allows, before dispatch', async () => {
    const clock = { now: 1_000 };
    await start({ rateLimit: { capacity: 5, refillPerSecond: 1 }, now: () => clock.now });
    // Stand in for the core to count what reaches it.
    const dispatched: unknown[] = [];
    host.serve({
      dispatch: async (channel) => {
        dispatched.push(channel);
        return ok(null);
      },
    });
    const ws = await open();
    const { closed } = watch(ws);
    for (let id = 1; id <= 8; id++)
      ws.send(JSON.stringify(invoke(id, 'preferences.set', { language: 'en' })));
    expect(await closed).toEqual({ code: 1008, reason: 'rate limit exceeded' });
    // Only the first five reached the core.
    expect(dispatched).toHaveLength(5);
  });

  it('refills over time, so a steady page is never cut off', async () => {
    const clock = { now: 1_000 };
    await start({ rateLimit: { capacity: 2, refillPerSecond: 1 }, now: () => clock.now });
    const ws = await open();
    for (let id = 1; id <= 6; id++) {
      if (id > 2) clock.now += 1_000;
      expect(await call(ws, invoke(id))).toMatchObject({ id, result: { ok: true } });
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});

describe('browser host Host header and connection limits', () => {
  it('refuses a page request whose Host is not this loopback address (DNS rebinding)', async () => {
    await start();
    const port = new URL(host.origin).port;
    expect(await get('/', `127.0.0.1:${port}`)).toBe(200);
    expect(await get('/', `localhost:${port}`)).toBe(200);
    expect(await get('/', `evil.example:${port}`)).toBe(421);
    expect(await get('/', `127.0.0.1:${Number(port) + 1}`)).toBe(421);
  });

  it('refuses a socket whose Host is foreign, even with the token and our Origin', async () => {
    await start();
    await expect(open({ Host: 'evil.example' })).rejects.toThrow('HTTP 421');
  });

  it('refuses connections beyond the limit; the last slot only to the kiosk page', async () => {
    await start({ maxConnections: 3 });
    const a = await open();
    const b = await open();
    await expect(open()).rejects.toThrow('HTTP 503');
    const kioskPage = await openAs('kiosk');
    await expect(openAs('kiosk')).rejects.toThrow('HTTP 503');
    for (const ws of [a, b, kioskPage]) ws.close();
  });
});
