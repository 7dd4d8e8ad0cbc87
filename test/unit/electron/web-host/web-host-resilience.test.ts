// The browser host outlives clients that vanish mid-request: a reset socket ends that request, never the host.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';

let host: WebHost;
const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};

beforeEach(async () => {
  crashes.length = 0;
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  host = createWebHost({ staticDir: dir, port: 0 });
  await host.listen();
});

afterEach(async () => {
  await host.close();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

/** Sends the bytes and resets the connection (RST) as soon as the host answers, or after `waitMs`. */
function sendAndReset(bytes: string, waitMs = 20): Promise<void> {
  const { hostname, port } = new URL(host.origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const reset = (): void => {
      socket.resetAndDestroy();
    };
    const timer = setTimeout(reset, waitMs);
    socket.once('data', () => {
      clearTimeout(timer);
      reset();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const upgrade = (target: string, extra = ''): string => {
  const { host: authority } = new URL(host.origin);
  return (
    `GET ${target} HTTP/1.1\r\nHost: ${authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
    `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`
  );
};

describe('browser host and clients that reset the connection', () => {
  it.each([
    ['a refused upgrade (wrong path)', () => upgrade('/elsewhere')],
    ['a refused upgrade (no token)', () => upgrade('/ipc', `Origin: ${host.origin}\r\n`)],
    ['an upgrade whose target cannot parse', () => upgrade('//[')],
    [
      'an accepted upgrade followed by a frame',
      () => upgrade(`/ipc?token=${host.token}`, `Origin: ${host.origin}\r\n`) + '\x81\x85abcd',
    ],
  ])('survives %s reset by the client, and still serves the page', async (_name, request) => {
    for (let i = 0; i < 40; i += 1) await sendAndReset(request());
    await expect.poll(() => host.connectionCount()).toBe(0);
    const page = await fetch(`${host.origin}/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(crashes).toEqual([]);
  });
});
