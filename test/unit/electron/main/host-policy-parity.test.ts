// Both hosts serve every renderer file under one policy: same security headers, same MIME type, same CSP but the socket.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { contentSecurityPolicy, mimeTypes } from '../../../../electron/core/host-policy';
import { runMain } from '../../../../electron/main/main-process';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';
import { createFakeElectron } from '../../../support/fake-electron';

let dir: string;
let web: WebHost;
let appHandler: (request: Request) => Promise<Response>;

/** One file per MIME entry, one the table does not know, and the app's own pages. */
const files = [...Object.keys(mimeTypes).map((ext) => `assets/file${ext}`), 'assets/data.bin'];
const paths = ['/', '/staff', '/simulator', '/index.html', ...files.map((f) => `/${f}`), '/missing.js'];

/** The headers a policy decides; transport headers (Date, Connection, Content-Length…) are left out. */
const policyHeaderNames = [
  'content-security-policy',
  'content-type',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cache-control',
];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiosk-parity-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  for (const file of files) await writeFile(path.join(dir, file), 'x');
  web = createWebHost({ staticDir: dir, port: 0 });
  await web.listen();
  const fake = createFakeElectron();
  runMain(fake.port, {
    rendererDir: dir,
    preloadPath: '/app/preload.cjs',
    configPath: path.join(dir, 'config.json'),
    loadConfig: async () => parseConfig({}),
    onFatal: (e) => {
      throw e;
    },
  });
  await fake.ready();
  const handler = fake.protocolHandlers.get('app');
  if (!handler) throw new Error('app:// not handled');
  appHandler = handler;
});

afterEach(async () => {
  await web.close();
});

function webGet(pathname: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    request(`${web.origin}${pathname}`, (res) => {
      res.resume();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) headers[name] = String(value);
      resolve({ status: res.statusCode ?? 0, headers });
    })
      .on('error', reject)
      .end();
  });
}

async function appGet(pathname: string): Promise<{ status: number; headers: Record<string, string> }> {
  const response = await appHandler(new Request(`app://kiosk${pathname}`));
  return { status: response.status, headers: Object.fromEntries(response.headers) };
}

const pick = (headers: Record<string, string>): Record<string, string | undefined> =>
  Object.fromEntries(policyHeaderNames.map((name) => [name, headers[name]]));

describe('one policy for both hosts', () => {
  it.each(paths)('answers %s with the same status, MIME type and security headers', async (pathname) => {
    const fromWeb = await webGet(pathname);
    const fromApp = await appGet(pathname);
    expect(fromApp.status).toBe(fromWeb.status);
    const socket = web.origin.replace(/^http/, 'ws');
    // The one difference: the browser host's page reaches its WebSocket, the window uses IPC.
    expect(fromWeb.headers['content-security-policy']).toBe(contentSecurityPolicy([socket]));
    expect(fromApp.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(pick(fromApp.headers)).toEqual({
      ...pick(fromWeb.headers),
      'content-security-policy': contentSecurityPolicy(),
    });
  });

  it('serves every file type of the table with its own MIME type, and unknown ones as opaque bytes', async () => {
    for (const [ext, type] of Object.entries(mimeTypes)) {
      expect((await webGet(`/assets/file${ext}`)).headers['content-type']).toBe(type);
      expect((await appGet(`/assets/file${ext}`)).headers['content-type']).toBe(type);
    }
    expect((await appGet('/assets/data.bin')).headers['content-type']).toBe('application/octet-stream');
    expect((await webGet('/assets/data.bin')).headers['content-type']).toBe('application/octet-stream');
  });

  it('differs in the CSP only by the WebSocket source in connect-src', async () => {
    const directives = (csp: string | undefined) => (csp ?? '').split('; ');
    const webCsp = directives((await webGet('/')).headers['content-security-policy']);
    const appCsp = directives((await appGet('/')).headers['content-security-policy']);
    expect(webCsp).toHaveLength(appCsp.length);
    webCsp.forEach((directive, i) => {
      if (directive.startsWith('connect-src')) {
        expect(directive).toBe(`${appCsp[i]} ${web.origin.replace(/^http/, 'ws')}`);
      } else {
        expect(directive).toBe(appCsp[i]);
      }
    });
  });

  it('answers malformed percent-encoding with 400 on both hosts, with the security headers', async () => {
    for (const pathname of ['/%E0%A4%A', '/assets/%', '/%zz.js']) {
      const fromWeb = await webGet(pathname);
      const fromApp = await appGet(pathname);
      expect([fromWeb.status, fromApp.status]).toEqual([400, 400]);
      expect(fromApp.headers['x-content-type-options']).toBe('nosniff');
      expect(fromWeb.headers['x-content-type-options']).toBe('nosniff');
      expect(fromApp.headers['content-security-policy']).toBe(contentSecurityPolicy());
    }
  });
});
