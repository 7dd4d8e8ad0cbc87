// The kiosk a soak run drives: the app's own parts with a real log file, a renderer and a staff console client.
import path from 'node:path';
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  SessionSnapshot,
} from '../../electron/common/contract';
import type { IpcResult } from '../../electron/common/result';
import { buildParts, startKiosk, type KioskParts, type RunningKiosk } from '../../electron/core/app';
import type { KioskConfig } from '../../electron/core/config/config-schema';
import { parseConfig } from '../../electron/core/config/load-config';
import type { SimulatorGateway } from '../../electron/core/gateway/simulator/simulator-gateway';
import { createInMemoryPair } from '../../electron/core/ipc/in-memory-host';
import type { ConfirmationLog } from '../../electron/core/log/confirmation-log';
import { withLogFault, type FaultLog } from '../../electron/core/simulation/fault-log';
import { hashStaffPinSync } from '../../electron/core/staff/staff-pin';
import { createWebHost } from '../../electron/web-host/web-host';
import type { ReaderPort } from '../../native/reader/reader-port';
import type { SimulatedReaderPort } from '../../native/sim/simulated-reader-port';
import { createVirtualCard, type VirtualCard, type VirtualCardVariant } from '../../native/sim/virtual-card';
import { presentOverVpcd, type VpcdPresentation } from '../../native/sim/vpcd-client';
import { connectIpc, type IpcClient } from '../e2e/support/ipc-client';

export type SoakMode = 'in-process' | 'pcscd';

/** The PIN of every soak card, and the wrong one some patients type first. */
export const SOAK_CARD_PIN = '5827';
export const SOAK_WRONG_PIN = '9461';
export const SOAK_STAFF_PIN = '7315';
/** vpcd slot 0 of the real pcscd (my-number-card.md §8.2). */
const VPCD_SLOT = { reader: 'Virtual PCD 00 00', port: 35963 };

/** The time the kiosk's clinic clock runs on. A patient's typing time passes on it without the run sleeping through it. */
export class SoakClock {
  private skewMs = 0;
  readonly source = (): number => Date.now() + this.skewMs;
  now(): Date {
    return new Date(this.source());
  }
  /** Lets `ms` of a patient's time pass. */
  advance(ms: number): void {
    this.skewMs += ms;
  }
}

/** What the soak needs of a renderer page: invoke, events, and a reload that keeps nothing but the page. */
export interface SoakClient {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<IpcResult<InvokeResponse<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The page reloads: its connection and subscriptions go, a new page attaches and asks for the snapshot. */
  reload(): Promise<SessionSnapshot>;
  close(): Promise<void>;
}

/** The card slot of the soak's reader. */
export interface SoakSlot {
  readonly reader: string;
  present(card: VirtualCard): Promise<void>;
  /** Takes the card away (a no-op when it already left). */
  remove(): Promise<void>;
}

export interface SoakKiosk {
  readonly mode: SoakMode;
  readonly running: RunningKiosk;
  readonly patient: SoakClient;
  readonly staff: SoakClient;
  readonly port: ReaderPort;
  readonly slot: SoakSlot;
  readonly gateway: SimulatorGateway;
  /** The in-process reader (in-process mode only). */
  readonly simulatedReader: SimulatedReaderPort | undefined;
  /** The log wrapper that refuses writes on demand, when the run cannot make the disk refuse them. */
  readonly logFault: FaultLog | undefined;
  readonly clock: SoakClock;
  makeCard(variant: VirtualCardVariant, serialHex: string, removeAfterApdus?: number): VirtualCard;
  /** A staff console call with the staff session's token; when the token has lapsed, logs in again once. */
  staffInvoke<C extends InvokeChannel>(
    channel: C,
    request: Omit<InvokeRequest<C>, 'token'>,
  ): Promise<IpcResult<InvokeResponse<C>>>;
  stop(): Promise<void>;
}

export interface SoakKioskOptions {
  mode: SoakMode;
  logPath: string;
  /** The log key file (0600, outside the log's folder): the soak's log is keyed as a clinic's is. */
  logKeyPath: string;
  /** Wrap the log so the run can make it refuse writes (when the disk itself cannot be made to). */
  injectLogFault: boolean;
  /** Gateway answer time of the simulator (ms). */
  gatewayLatencyMs?: number;
}

export function soakConfig(mode: SoakMode, logPath: string, logKeyPath: string): KioskConfig {
  return parseConfig({
    terminalName: 'ソーク1',
    reader: mode === 'pcscd' ? { kind: 'pcsc', nameFilter: VPCD_SLOT.reader } : { kind: 'simulated' },
    gateway: { adapter: 'simulator', timeoutSeconds: 5 },
    log: { path: logPath, keyPath: logKeyPath },
    staff: { pinHash: hashStaffPinSync(SOAK_STAFF_PIN), sessionMinutes: 480 },
    consent: { items: ['medication', 'checkup', 'diagnosis', 'surgery'], limitScreen: true },
  });
}

export async function startSoakKiosk(options: SoakKioskOptions): Promise<SoakKiosk> {
  const config = soakConfig(options.mode, options.logPath, options.logKeyPath);
  const clock = new SoakClock();
  const built = await buildParts(config, { timeSource: clock.source });
  const gateway = built.handles.gateway;
  const checkin = built.parts.checkin;
  if (!gateway || !checkin) throw new Error('the soak needs the simulator gateway and a reader');
  let logFault: FaultLog | undefined;
  let parts: KioskParts = built.parts;
  if (options.injectLogFault) {
    logFault = withLogFault(checkin.log);
    const log: ConfirmationLog = logFault;
    parts = { ...parts, checkin: { ...checkin, log } };
  }
  if (options.gatewayLatencyMs) gateway.setFaults({ latencyMs: options.gatewayLatencyMs });

  let running: RunningKiosk;
  let patient: SoakClient;
  let staff: SoakClient;
  if (options.mode === 'in-process') {
    const pair = createInMemoryPair();
    running = await startKiosk(pair.host, config, parts);
    patient = await memoryClient(pair.client);
    staff = patient;
  } else {
    const host = createWebHost({
      staticDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
      port: 0,
    });
    running = await startKiosk(host, config, parts);
    const pageUrl = await host.listen();
    patient = await webClient(pageUrl);
    staff = await webClient(pageUrl);
  }

  const simulatedReader = built.handles.reader;
  const slot: SoakSlot = simulatedReader ? simulatedSlot(simulatedReader) : vpcdSlot();
  let token: string | undefined;
  const staffToken = async (renew: boolean): Promise<string> => {
    if (token && !renew) return token;
    const login = await staff.invoke('staff.login', { pin: SOAK_STAFF_PIN });
    if (!login.ok) throw new Error(`staff.login failed: ${login.error.code} ${login.error.message}`);
    token = login.value.token;
    return token;
  };
  const withToken = async <C extends InvokeChannel>(
    channel: C,
    request: Omit<InvokeRequest<C>, 'token'>,
    renew: boolean,
  ): Promise<IpcResult<InvokeResponse<C>>> =>
    // Every staff.* request is its fields plus the token (contract: withToken).
    staff.invoke(channel, { ...request, token: await staffToken(renew) } as InvokeRequest<C>);
  return {
    mode: options.mode,
    running,
    patient,
    staff,
    port: checkin.port,
    slot,
    gateway,
    simulatedReader,
    logFault,
    clock,
    makeCard: (variant, serialHex, removeAfterApdus) =>
      createVirtualCard({
        variant,
        pin: SOAK_CARD_PIN,
        serialNumber: BigInt(`0x${serialHex}`),
        ...(removeAfterApdus ? { removeAfterApdus } : {}),
      }),
    async staffInvoke(channel, request) {
      const answer = await withToken(channel, request, false);
      if (answer.ok || answer.error.code !== 'staff.unauthorized') return answer;
      return withToken(channel, request, true);
    },
    async stop() {
      await slot.remove();
      await patient.close();
      await staff.close();
      await running.stop();
      await built.close();
    },
  };
}

function simulatedSlot(reader: SimulatedReaderPort): SoakSlot {
  const name = reader.readers()[0] ?? 'Simulated Reader 00';
  return {
    reader: name,
    present: async (card) => reader.present(name, card),
    remove: async () => reader.remove(name),
  };
}

function vpcdSlot(): SoakSlot {
  let presentation: VpcdPresentation | undefined;
  return {
    reader: VPCD_SLOT.reader,
    async present(card) {
      await presentation?.remove();
      presentation = await presentOverVpcd({ card, port: VPCD_SLOT.port });
    },
    async remove() {
      const current = presentation;
      presentation = undefined;
      await current?.remove();
    },
  };
}

/** One attached page: its calls, its subscriptions, and the snapshot it starts from. */
interface Page {
  invoke: SoakClient['invoke'];
  on: SoakClient['on'];
  /** The snapshot the page renders first (it has already announced renderer.ready). */
  start(): Promise<SessionSnapshot>;
  close(): Promise<void>;
}

/** A renderer that can reload: the page goes with its subscriptions, and a new page subscribes again. */
async function reloadable(open: () => Promise<Page>): Promise<SoakClient> {
  let page = await open();
  /** Each subscription as a way to attach it to a page. */
  const subscriptions = new Map<() => void, (to: Page) => () => void>();
  const attached = new Map<() => void, () => void>();
  return {
    invoke: (channel, request) => page.invoke(channel, request),
    on(event, listener) {
      const key = (): void => {
        attached.get(key)?.();
        attached.delete(key);
        subscriptions.delete(key);
      };
      const attach = (to: Page): (() => void) => to.on(event, listener);
      subscriptions.set(key, attach);
      attached.set(key, attach(page));
      return key;
    },
    async reload() {
      for (const off of attached.values()) off();
      attached.clear();
      await page.close();
      page = await open();
      for (const [key, attach] of subscriptions) attached.set(key, attach(page));
      return page.start();
    },
    close: () => page.close(),
  };
}

/** The in-process renderer: the same in-memory channel, announced again with renderer.ready. */
function memoryClient(client: ReturnType<typeof createInMemoryPair>['client']): Promise<SoakClient> {
  return reloadable(async () => {
    const ready = await client.invoke('renderer.ready', {});
    if (!ready.ok) throw new Error(`renderer.ready failed: ${ready.error.code}`);
    return {
      invoke: (channel, request) => client.invoke(channel, request),
      on: (event, listener) => client.on(event, listener),
      start: async () => {
        const again = await client.invoke('renderer.ready', {});
        if (!again.ok) throw new Error(`renderer.ready failed: ${again.error.code}`);
        return again.value;
      },
      close: async () => undefined,
    };
  });
}

/** A page of the browser host over its WebSocket (connectIpc announces renderer.ready); a reload is a new connection. */
function webClient(pageUrl: string): Promise<SoakClient> {
  return reloadable(async () => {
    const connection: IpcClient = await connectIpc(pageUrl);
    return {
      invoke: (channel, request) => connection.invoke(channel, request),
      on: (event, listener) => connection.on(event, listener),
      start: () => connection.call('session.get', {}),
      close: () => connection.close(),
    };
  });
}
