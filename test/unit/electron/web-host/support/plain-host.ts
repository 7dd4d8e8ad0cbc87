// Test support: a browser host serving a one-page renderer folder, with no kiosk behind it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWebHost, type WebHost } from '../../../../../electron/web-host/web-host';

export async function startPlainHost(): Promise<WebHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  const host = createWebHost({ staticDir: dir, port: 0 });
  await host.listen();
  return host;
}
