// Starts the replicator for a kiosk whose settings name a central server (`central.url`); otherwise nothing.
import pg from 'pg';
import type { ClinicClock } from '../clock/clinic-clock';
import type { CentralConfig } from './central-config';
import { CentralError } from './central-error';
import { centralClientConfig, type ConnectionOptions } from './connection';
import { openLocalLogSource } from './local-source';
import { fileReplicationState, replicationStatePath } from './replication-state';
import {
  createReplicator,
  type CentralClient,
  type ReplicationStatus,
  type TerminalHealth,
} from './replicator';

export interface RunningReplication {
  status(): ReplicationStatus;
  /** Aborts the replicator (an upload in flight is cut; its batch is not committed) and waits for it. */
  stop(): Promise<void>;
}

export interface CentralStartOptions {
  central: CentralConfig;
  /** The log file; a log kept in memory has nothing another connection can read, so it is not shipped. */
  logPath: string;
  clock: Pick<ClinicClock, 'nowMs'>;
  health?: () => TerminalHealth;
  /** Where state changes are told (default: standard error, by code only). */
  onStatus?: (status: ReplicationStatus) => void;
}

/** A pg client for the configured server, connected; `signal` aborts a connection attempt that hangs. */
export async function connectCentral(
  central: CentralConfig,
  options: ConnectionOptions = {},
  signal?: AbortSignal,
): Promise<CentralClient> {
  const client = new pg.Client(centralClientConfig(central, options));
  // end() would wait for a goodbye the stalled server never reads: the socket itself is closed.
  const onAbort = (): void => {
    client.connection.stream.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
  } catch (error) {
    client.connection.stream.destroy();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return client;
}

export function startCentralReplication(options: CentralStartOptions): RunningReplication | undefined {
  const { central, logPath } = options;
  if (central.url === '') return undefined;
  if (logPath === ':memory:') {
    console.error('[central] central.url is set but the log is kept in memory: nothing is shipped');
    return undefined;
  }
  // Settings are read now, so a bad password file or CA file is reported at start. The kiosk still starts:
  // check-ins never depend on the central record.
  try {
    centralClientConfig(central);
  } catch (error) {
    const code = error instanceof CentralError ? error.code : 'central.config';
    console.error(
      `[central] ${code}: ${error instanceof Error ? error.message : String(error)}; nothing is shipped`,
    );
    return undefined;
  }
  const source = openLocalLogSource(logPath);
  const replicator = createReplicator({
    source,
    state: fileReplicationState(replicationStatePath(logPath)),
    connect: (signal) => connectCentral(central, {}, signal),
    nowMs: () => options.clock.nowMs(),
    batchSize: central.batchSize,
    heartbeatMs: central.heartbeatSeconds * 1000,
    ...(options.health ? { health: options.health } : {}),
    onStatus:
      options.onStatus ??
      ((status) =>
        console.error(
          status.state === 'ok'
            ? '[central] shipping'
            : `[central] ${status.state} (rows shipped to ${status.shippedId})`,
        )),
  });
  const controller = new AbortController();
  const running = replicator.run(controller.signal);
  return {
    status: () => replicator.status(),
    async stop() {
      controller.abort();
      await running;
      source.close();
    },
  };
}

/** The kiosk's own health reading (session controller) as the heartbeat's three parts; unknown before the first. */
export function terminalHealthOf(
  health: { readerService: 'up' | 'down'; gateway: { ok: boolean }; log: { ok: boolean } } | undefined,
): TerminalHealth {
  if (!health) return { reader: 'unknown', gateway: 'unknown', log: 'unknown' };
  return {
    reader: health.readerService,
    gateway: health.gateway.ok ? 'up' : 'down',
    log: health.log.ok ? 'up' : 'down',
  };
}
