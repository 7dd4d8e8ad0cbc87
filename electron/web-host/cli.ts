// `npm run start:web`: runs the kiosk core behind the browser host and prints the page URLs.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfig } from '../core/config/load-config';
import { startKiosk } from '../core/app';
import { createWebHost } from './web-host';
import { isKioskError } from '../common/errors';
import { PcscDriverMissingError } from '../../native/pcsc/load-pcsclite';

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
  const port = portArg === undefined ? config.webHost.port : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535; got "${portArg ?? ''}"`);
    process.exit(2);
  }
  const host = createWebHost({ staticDir, port, mode: config.mode });
  const kiosk = await startKiosk(host, config, undefined, configPath ? { configPath } : {});
  const url = new URL(await host.listen());
  const page = (pathname: string): string => `${url.origin}${pathname}${url.search}`;
  const simulation = config.reader.kind === 'simulated';
  console.log(
    `Reception kiosk (browser host) — ${simulation ? 'simulated' : 'PC/SC'} reader, ${config.gateway.adapter} gateway`,
  );
  // A staff terminal's home page is the staff console (`/` redirects there).
  if (config.mode === 'staff') console.log(`Staff terminal: ${page('/')}`);
  else console.log(`Kiosk:          ${page('/')}`);
  console.log(`Staff console:  ${page('/staff')}`);
  if (simulation) console.log(`Simulator panel: ${page('/simulator')}`);
  const shutdown = (): void => {
    void kiosk.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const known = isKioskError(error) || error instanceof PcscDriverMissingError;
  console.error(known ? `[${error.code}] ${error.message}` : error);
  process.exit(1);
});
