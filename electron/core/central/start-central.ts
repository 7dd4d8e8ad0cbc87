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
  type StaffNeed,
  type TerminalHealth,
} from './replicator';

export interface RunningReplication {
  status(): ReplicationStatus;
  /** A staff need changed at the terminal: shipped now rather than at the next poll. */
  nudge(): void;
  /** Aborts the replicator (an upload in flight is cut; its batch is not committed) and waits for it. */
  stop(): Promise<void>;
}

export interface CentralStartOptions {
  central: CentralConfig;
  /** The log file; a log kept in memory has nothing another connection can read, so it is not shipped. */
  logPath: string;
  clock: Pick<ClinicClock, 'nowMs'>;
  health?: () => TerminalHealth;
  /** What needs staff at the terminal now (see staffNeedsOf). */
  staffNeeded?: () => readonly StaffNeed[];
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
    ...(options.staffNeeded ? { staffNeeded: options.staffNeeded } : {}),
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
    nudge: () => replicator.nudge(),
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

/** The session controller's view of what needs staff now, as the events the clinic view hears. */
export function staffNeedsOf(
  controller:
    | {
        visualPending(): ReadonlyArray<{ reader: string }>;
        cardsLeft(): ReadonlyArray<{ reader: string }>;
        screen(): { name: string };
      }
    | undefined,
): StaffNeed[] {
  if (!controller) return [];
  return [
    ...controller.visualPending().map((p): StaffNeed => ({ kind: 'visual-pending', reader: p.reader })),
    ...controller.cardsLeft().map((c): StaffNeed => ({ kind: 'card-left', reader: c.reader })),
    ...(controller.screen().name === 'out-of-service'
      ? [{ kind: 'out-of-service', reader: '' } satisfies StaffNeed]
      : []),
  ];
}

/** Staff-event reasons after which what needs staff at the terminal may have changed. */
const NEED_REASONS: ReadonlySet<string> = new Set([
  'visual-pending',
  'visual-resolved',
  'card-left',
  'health',
]);

/**
 * Ships a changed staff need at once: every staff event that may change one nudges the replicator, so the
 * clinic view hears it within moments rather than at the next poll. Answers the unsubscribe.
 */
export function nudgeOnStaffNeeds(
  subscribeEvents: (listener: (event: string, payload: unknown) => void) => () => void,
  replication: Pick<RunningReplication, 'nudge'>,
): () => void {
  return subscribeEvents((event, payload) => {
    if (event !== 'staff.changed') return;
    const reason = (payload as { reason?: unknown } | null)?.reason;
    if (typeof reason === 'string' && NEED_REASONS.has(reason)) replication.nudge();
  });
}
