// Opens the clinic view for a console whose settings name the console role (`central.consoleUrl`); otherwise nothing.
import pg from 'pg';
import type { ClinicClock } from '../clock/clinic-clock';
import { consoleConnectionConfig, type CentralConfig } from './central-config';
import { CentralError } from './central-error';
import { createClinicView, type ClinicView } from './clinic-view';
import { centralClientConfig } from './connection';
import { connectCentral } from './start-central';

export interface OpenClinicView {
  view: ClinicView;
  /** Closes the pool of the view's connections. */
  close(): Promise<void>;
}

/** Queries at once from one console: a page, the terminals and an export. */
const POOL_SIZE = 3;

export function openClinicView(central: CentralConfig, clock: ClinicClock): OpenClinicView | undefined {
  if (central.consoleUrl === '') return undefined;
  const settings = consoleConnectionConfig(central);
  let clientConfig: pg.ClientConfig;
  // Read now, so a bad password or CA file is reported at start; the kiosk itself starts regardless.
  try {
    clientConfig = centralClientConfig(settings);
  } catch (error) {
    const code = error instanceof CentralError ? error.code : 'central.config';
    console.error(
      `[clinic-view] ${code}: ${error instanceof Error ? error.message : String(error)}; no clinic view`,
    );
    return undefined;
  }
  const pool = new pg.Pool({ ...clientConfig, max: POOL_SIZE, idleTimeoutMillis: 30_000 });
  // An idle pooled client whose server went away reports it here; the next query reconnects.
  pool.on('error', () => undefined);
  const view = createClinicView({
    db: pool,
    clock,
    connectListener: (signal) => connectCentral(settings, {}, signal),
    ...(central.url !== '' ? { ownRole: decodeURIComponent(new URL(central.url).username) } : {}),
  });
  return { view, close: () => pool.end() };
}
