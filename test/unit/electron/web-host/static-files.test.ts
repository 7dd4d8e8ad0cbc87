// The browser host's page requests: a target it cannot parse or decode is a 400, never an exception.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';

let host: WebHost;

beforeEach(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-static-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  host = createWebHost({ staticDir: dir, port: 0 });
  await host.listen();
});

afterEach(async () => {
  await host.close();
});

/** Sends the request bytes as given (no client normalises the target) and returns the whole answer. */
function raw(target: string, extraHeaders = ''): Promise<string> {
  const { hostname, port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`,
      );
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const status = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

describe('browser host page requests', () => {
  it.each(['/%E0%A4%A', '/%', '/assets/%zz.js'])(
    'answers malformed percent-encoding %s with 400 and the security headers',
    async (target) => {
      const answer = await raw(target);
      expect(status(answer)).toBe(400);
      expect(answer).toMatch(/content-security-policy: default-src 'self'/i);
      expect(answer).toMatch(/x-content-type-options: nosniff/i);
    },
  );

  it.each(['//', '//[', 'http://['])('answers a target URL cannot parse (%s) with 400', async (target) => {
    expect(status(await raw(target))).toBe(400);
    // …and keeps serving.
    expect(status(await raw('/'))).toBe(200);
  });

  it('refuses a socket upgrade whose target URL cannot parse with 400, and keeps serving', async () => {
    const upgrade =
      'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const answer = await raw('//[', `${upgrade}Origin: ${host.origin}\r\n`);
    expect(status(answer)).toBe(400);
    expect(status(await raw('/'))).toBe(200);
  });
});
