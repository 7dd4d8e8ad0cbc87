// The faults a soak run strikes the kiosk with, each at a random point of a check-in, and how each is lifted.
import type { SimulatorFaults } from '../../electron/core/gateway/simulator/simulator-gateway';
import type { LogDisk } from './log-disk';
import type { ScreenWatcher } from './patient';
import type { SoakKiosk } from './soak-kiosk';
import type { SoakPcscd } from './soak-pcscd';

export const faultKinds = [
  /** The card leaves the reader in the middle of an APDU exchange. */
  'card-removed',
  /** The reader goes away and comes back: its cable (in-process), or pcscd crashing (pcscd mode). */
  'reader-gone',
  /** pcscd is stopped and started again. */
  'pcscd-restart',
  'gateway-slow',
  'gateway-timeout',
  'gateway-malformed',
  /** The log's disk takes no writes for a while. */
  'log-unwritable',
  /** The patient screen reloads mid-session. */
  'renderer-reload',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultPlan {
  kind: FaultKind;
  /** Strikes when the patient reaches this screen of the attempt (0 = the first). */
  atStep: number;
  /** How long the fault lasts once struck, for the faults that last (ms). */
  holdMs: number;
}

/** The simulator's answer time in a soak run, and under the "slow" fault. */
export const GATEWAY_SLOW_MS = 3_000;
const GATEWAY_NO_ANSWER_MS = 1_000;

export interface FaultDeps {
  kiosk: SoakKiosk;
  watcher: ScreenWatcher;
  disk: LogDisk;
  pcscd: SoakPcscd | undefined;
  /** The simulator's settings outside any fault. */
  gatewayBase: SimulatorFaults;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One fault of one attempt: set up before it, struck inside it, lifted after it. */
export class Fault {
  private struck = false;

  constructor(
    readonly plan: FaultPlan,
    private readonly deps: FaultDeps,
  ) {}

  get kind(): FaultKind {
    return this.plan.kind;
  }

  /** Before the attempt starts: the gateway faults are in force for the whole attempt. */
  before(): void {
    const gateway = this.deps.kiosk.gateway;
    const base = this.deps.gatewayBase;
    if (this.kind === 'gateway-slow') gateway.setFaults({ ...base, latencyMs: GATEWAY_SLOW_MS });
    if (this.kind === 'gateway-timeout')
      gateway.setFaults({ ...base, timeout: true, latencyMs: GATEWAY_NO_ANSWER_MS });
    if (this.kind === 'gateway-malformed') gateway.setFaults({ ...base, malformed: true });
  }

  /** At the planned screen, or right after the attempt when it ended sooner. Strikes once. */
  async strike(): Promise<void> {
    if (this.struck) return;
    this.struck = true;
    const { kiosk, watcher, disk, pcscd } = this.deps;
    switch (this.kind) {
      case 'renderer-reload':
        watcher.accept(await kiosk.patient.reload());
        return;
      case 'log-unwritable':
        if (disk.method === 'disk-full') disk.fill();
        else kiosk.logFault?.setDown(true);
        return;
      case 'reader-gone':
        if (kiosk.simulatedReader) kiosk.simulatedReader.setPlugged(kiosk.slot.reader, false);
        else await pcscd?.kill('SIGKILL');
        return;
      case 'pcscd-restart':
        if (kiosk.simulatedReader) kiosk.simulatedReader.setServiceDown(true);
        else await pcscd?.kill('SIGTERM');
        return;
      default:
        return; // card-removed is in the card itself; gateway faults act from before()
    }
  }

  /** Ends the fault; answers when it was lifted (the start of the recovery time), if it needed lifting. */
  async lift(): Promise<number | undefined> {
    await this.strike();
    const { kiosk, disk, pcscd } = this.deps;
    switch (this.kind) {
      case 'gateway-slow':
      case 'gateway-timeout':
      case 'gateway-malformed':
        kiosk.gateway.setFaults(this.deps.gatewayBase);
        return Date.now();
      case 'log-unwritable':
        await sleep(this.plan.holdMs);
        if (disk.method === 'disk-full') disk.free();
        else kiosk.logFault?.setDown(false);
        return Date.now();
      case 'reader-gone':
        await sleep(this.plan.holdMs);
        if (kiosk.simulatedReader) kiosk.simulatedReader.setPlugged(kiosk.slot.reader, true);
        else await pcscd?.start();
        return Date.now();
      case 'pcscd-restart':
        if (kiosk.simulatedReader) kiosk.simulatedReader.setServiceDown(false);
        else await pcscd?.start();
        return Date.now();
      default:
        return undefined;
    }
  }
}

/** The faults a run can strike: killing pcscd needs a pcscd this run may kill. */
export function availableFaults(mode: 'in-process' | 'pcscd', pcscdKillable: boolean): FaultKind[] {
  if (mode === 'in-process' || pcscdKillable) return [...faultKinds];
  return faultKinds.filter((kind) => kind !== 'reader-gone' && kind !== 'pcscd-restart');
}
