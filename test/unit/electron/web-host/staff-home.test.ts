// The browser host's home page on a staff terminal: `/` redirects to the staff console, the token kept.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalMode } from '../../../../electron/common/contract';
import { staffHomeRedirect } from '../../../../electron/web-host/staff-home';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';

let host: WebHost | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function startHost(mode: TerminalMode | undefined): Promise<WebHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-home-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  host = createWebHost({ staticDir: dir, port: 0, ...(mode ? { mode } : {}) });
  await host.listen();
  return host;
}

function get(
  origin: string,
  pathname: string,
  method = 'GET',
): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    request(`${origin}${pathname}`, { method, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    })
      .on('error', reject)
      .end();
  });
}

describe('staffHomeRedirect', () => {
  const url = (target: string): URL => new URL(target, 'http://127.0.0.1:5178');

  it('sends the home page of a staff terminal to /staff with the same query', () => {
    expect(staffHomeRedirect('staff', url('/?token=abc'))).toBe('/staff?token=abc');
    expect(staffHomeRedirect('staff', url('/index.html?token=abc'))).toBe('/staff?token=abc');
  });

  it('leaves every other path of a staff terminal, and every path of a kiosk, alone', () => {
    expect(staffHomeRedirect('staff', url('/staff?token=abc'))).toBeUndefined();
    expect(staffHomeRedirect('staff', url('/simulator?token=abc'))).toBeUndefined();
    expect(staffHomeRedirect('staff', url('/assets/app.js'))).toBeUndefined();
    expect(staffHomeRedirect('kiosk', url('/?token=abc'))).toBeUndefined();
    expect(staffHomeRedirect(undefined, url('/?token=abc'))).toBeUndefined();
  });
});

describe('the browser host in staff mode', () => {
  it('answers / with a redirect to the staff console, keeping the token', async () => {
    const h = await startHost('staff');
    expect(await get(h.origin, `/?token=${h.token}`)).toEqual({
      status: 302,
      location: `/staff?token=${h.token}`,
    });
    expect(await get(h.origin, '/', 'HEAD')).toEqual({ status: 302, location: '/staff' });
    expect((await get(h.origin, `/staff?token=${h.token}`)).status).toBe(200);
  });

  it('serves / itself on a kiosk', async () => {
    const h = await startHost('kiosk');
    expect(await get(h.origin, '/')).toEqual({ status: 200, location: undefined });
    const plain = await startHost(undefined);
    expect((await get(plain.origin, '/')).status).toBe(200);
  });
});
