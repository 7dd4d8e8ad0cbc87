// `npm run start:web`: runs the kiosk core behind the browser host and prints the page URL.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig } from '../core/config/load-config';
import { startKiosk } from '../core/app';
import { createWebHost } from './web-host';
import { isKioskError } from '../common/errors';

const root = path.resolve(import.meta.dirname, '..', '..');

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const configPath = argValue('--config') ?? process.env.KIOSK_CONFIG;
  const config = await loadConfig(configPath);
  const staticDir = path.join(root, 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(
      'The renderer is not built. Run `npm run build:renderer` first (npm run start:web does it).',
    );
    process.exit(1);
  }
  const portArg = argValue('--port');
  const host = createWebHost({ staticDir, port: portArg ? Number(portArg) : config.webHost.port });
  const kiosk = startKiosk(host, config, undefined, configPath ? { configPath } : {});
  const url = await host.listen();
  console.log(`Reception kiosk (browser host) — ${config.reader.kind} reader`);
  console.log(`Open: ${url}`);
  const shutdown = (): void => {
    void kiosk.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(isKioskError(error) ? `[${error.code}] ${error.message}` : error);
  process.exit(1);
});
