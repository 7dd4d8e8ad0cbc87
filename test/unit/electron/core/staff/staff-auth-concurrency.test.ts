// The staff lockout under 1,000 concurrent guesses on both hosts: the in-memory dispatcher of the ipcMain path, and the browser host over 16 sockets.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startKiosk, type RunningKiosk } from '../../../../../electron/core/app';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { createInMemoryPair } from '../../../../../electron/core/ipc/in-memory-host';
import { hashStaffPin, verifyStaffPin } from '../../../../../electron/core/staff/staff-pin';
import type * as StaffPin from '../../../../../electron/core/staff/staff-pin';
import { createWebHost, type WebHost } from '../../../../../electron/web-host/web-host';

// Every PIN verification the kiosk runs goes through this spy, so the tests count them.
vi.mock('../../../../../electron/core/staff/staff-pin', async (importOriginal) => {
  const actual = await importOriginal<typeof StaffPin>();
  return { ...actual, verifyStaffPin: vi.fn(actual.verifyStaffPin) };
});

const STAFF_PIN = '582301';
const MAX_FAILURES = 5;
const ATTEMPTS = 1_000;
const SOCKETS = 16;

/** 999 wrong PINs, then the right one. */
const guesses = Array.from({ length: ATTEMPTS - 1 }, (_, i) => String(i).padStart(6, '0')).concat(STAFF_PIN);

let pinHash = '';
let kiosk: RunningKiosk | undefined;

beforeAll(async () => {
  // A cheap scrypt cost keeps the verifications fast; the lockout does not depend on it.
  pinHash = await hashStaffPin(STAFF_PIN, { N: 1024, r: 8, p: 1 });
});

beforeEach(() => {
  vi.mocked(verifyStaffPin).mockClear();
});

afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
});

const config = () => parseConfig({ staff: { pinHash, maxFailures: MAX_FAILURES, lockoutMinutes: 5 } });

/** The verifications run so far, and how many of them failed. */
async function verifications(): Promise<{ runs: number; failed: number }> {
  const results = await Promise.all(
    vi.mocked(verifyStaffPin).mock.results.map((result) => result.value as Promise<boolean>),
  );
  return { runs: results.length, failed: results.filter((ok) => !ok).length };
}

function tally(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of codes) out[code] = (out[code] ?? 0) + 1;
  return out;
}

type Answer = { ok: true } | { ok: false; error: { code: string } };
const codeOf = (answer: Answer): string => (answer.ok ? 'ok' : answer.error.code);

describe('staff lockout through the in-memory dispatcher (the ipcMain path, no rate limit)', () => {
  async function start() {
    const { host, client } = createInMemoryPair();
    kiosk = await startKiosk(host, config());
    return client;
  }

  it('1,000 concurrent logins, the right PIN last: 5 verifications fail, the right PIN is refused', async () => {
    const client = await start();
    const answers = await Promise.all(guesses.map((pin) => client.invoke('staff.login', { pin })));
    const codes = answers.map(codeOf);
    expect(await verifications()).toEqual({ runs: MAX_FAILURES, failed: MAX_FAILURES });
    expect(tally(codes)).toEqual({
      'staff.pin-wrong': MAX_FAILURES - 1,
      'staff.locked-out': ATTEMPTS - MAX_FAILURES + 1,
    });
    expect(codes.at(-1)).toBe('staff.locked-out');
    expect(codeOf(await client.invoke('staff.login', { pin: STAFF_PIN }))).toBe('staff.locked-out');
  });

  it('wrong current PINs at a PIN change count: 1,000 concurrent changes lock staff out', async () => {
    const client = await start();
    const login = await client.invoke('staff.login', { pin: STAFF_PIN });
    if (!login.ok) throw new Error(login.error.message);
    const { token } = login.value;
    vi.mocked(verifyStaffPin).mockClear();

    const answers = await Promise.all(
      guesses.map((currentPin) => client.invoke('staff.pin.change', { token, currentPin, newPin: '918273' })),
    );
    const codes = answers.map(codeOf);
    expect(await verifications()).toEqual({ runs: MAX_FAILURES, failed: MAX_FAILURES });
    expect(tally(codes)).toEqual({
      'staff.pin-wrong': MAX_FAILURES - 1,
      'staff.locked-out': ATTEMPTS - MAX_FAILURES + 1,
    });
    // No verification succeeded, so the PIN did not change; the lockout holds for login too.
    expect(codeOf(await client.invoke('staff.login', { pin: STAFF_PIN }))).toBe('staff.locked-out');
    expect(codeOf(await client.invoke('staff.login', { pin: '918273' }))).toBe('staff.locked-out');
  });

  it('a wrong current PIN answers as a wrong login does, with the same tries left', async () => {
    const client = await start();
    const login = await client.invoke('staff.login', { pin: STAFF_PIN });
    if (!login.ok) throw new Error(login.error.message);
    const change = await client.invoke('staff.pin.change', {
      token: login.value.token,
      currentPin: '000000',
      newPin: '918273',
    });
    const wrongLogin = await client.invoke('staff.login', { pin: '000000' });
    expect(change).toMatchObject({ ok: false, error: { code: 'staff.pin-wrong' } });
    expect(wrongLogin).toMatchObject({ ok: false, error: { code: 'staff.pin-wrong' } });
    // The second failure: one try fewer than the first, whichever channel it came through.
    const left = (answer: typeof change | typeof wrongLogin): string =>
      answer.ok ? '' : (/\d+回/.exec(answer.error.message)?.[0] ?? '');
    expect(left(change)).toBe(`${MAX_FAILURES - 1}回`);
    expect(left(wrongLogin)).toBe(`${MAX_FAILURES - 2}回`);
    // A new PIN the console refuses is refused before the current one is checked: it reveals nothing.
    const badNew = await client.invoke('staff.pin.change', {
      token: login.value.token,
      currentPin: STAFF_PIN,
      newPin: '12ab',
    });
    const badNewWrongCurrent = await client.invoke('staff.pin.change', {
      token: login.value.token,
      currentPin: '000000',
      newPin: '12ab',
    });
    expect(badNew).toEqual(badNewWrongCurrent);
    expect(badNew).toMatchObject({ ok: false, error: { code: 'settings.invalid' } });
    expect((await verifications()).runs).toBe(3);
  });
});

describe('staff lockout through the browser host (16 sockets)', () => {
  let host: WebHost;

  beforeEach(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
    // The rate limit would close a flooding socket before the lockout is reached; this test is about the
    // lockout, so every call is let through. One slot more than the sockets: the last is kept for the kiosk page.
    host = createWebHost({
      staticDir: dir,
      port: 0,
      maxConnections: SOCKETS + 1,
      rateLimit: { capacity: ATTEMPTS, refillPerSecond: ATTEMPTS },
    });
    kiosk = await startKiosk(host, config());
    await host.listen();
  });

  function open(): Promise<WebSocket> {
    const ws = new WebSocket(
      `${host.origin.replace('http', 'ws')}/ipc?token=${encodeURIComponent(host.token)}`,
      {
        headers: { Origin: host.origin },
      },
    );
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Sends every frame at once and resolves with the answers by id. */
  function flood(ws: WebSocket, calls: { id: number; pin: string }[]): Promise<Map<number, Answer>> {
    const answers = new Map<number, Answer>();
    return new Promise((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: Answer };
        if (frame.t !== 'result' || frame.id === undefined || !frame.result) return;
        answers.set(frame.id, frame.result);
        if (answers.size === calls.length) resolve(answers);
      });
      ws.once('close', (code) => reject(new Error(`socket closed ${code}`)));
      for (const { id, pin } of calls) {
        ws.send(JSON.stringify({ t: 'invoke', id, channel: 'staff.login', request: { pin } }));
      }
    });
  }

  it('1,000 concurrent logins over 16 sockets, the right PIN last: 5 verifications fail, the right PIN is refused', async () => {
    const sockets = await Promise.all(Array.from({ length: SOCKETS }, () => open()));
    // Round-robin over the sockets; the right PIN is the last frame sent.
    const perSocket = sockets.map((): { id: number; pin: string }[] => []);
    guesses.forEach((pin, i) => perSocket[i % SOCKETS]?.push({ id: i + 1, pin }));
    const lastSocket = (ATTEMPTS - 1) % SOCKETS;
    const order = [...sockets.keys()].filter((i) => i !== lastSocket).concat(lastSocket);
    const pending = order.map((i) => flood(sockets[i] as WebSocket, perSocket[i] ?? []));
    const answers = new Map<number, Answer>();
    for (const map of await Promise.all(pending)) for (const [id, answer] of map) answers.set(id, answer);

    expect(answers.size).toBe(ATTEMPTS);
    const codes = [...answers.values()].map(codeOf);
    expect(await verifications()).toEqual({ runs: MAX_FAILURES, failed: MAX_FAILURES });
    expect(tally(codes)).toEqual({
      'staff.pin-wrong': MAX_FAILURES - 1,
      'staff.locked-out': ATTEMPTS - MAX_FAILURES + 1,
    });
    expect(codeOf(answers.get(ATTEMPTS) as Answer)).toBe('staff.locked-out');
    for (const ws of sockets) ws.close();
  });
});
