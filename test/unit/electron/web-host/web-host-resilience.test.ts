// The browser host outlives clients that vanish mid-request: a reset socket ends that request, never the host.
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebHost } from '../../../../electron/web-host/web-host';
import { watchForCrashes, type CrashWatch } from '../../../support/crash-watch';
import { startPlainHost } from './support/plain-host';

let host: WebHost;
let watch: CrashWatch;

beforeEach(async () => {
  watch = watchForCrashes();
  host = await startPlainHost();
});

afterEach(async () => {
  await host.close();
  watch.stop();
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
    expect(watch.crashes).toEqual([]);
  });
});
