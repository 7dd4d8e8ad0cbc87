// The simulator panel's channels: present and remove virtual cards, inject faults. Forbidden outside simulation.
import {
  simCardVariants,
  type SimCardVariant,
  type SimFaults,
  type SimGatewayFault,
  type SimState,
} from '../../common/contract';
import { KioskError } from '../../common/errors';
import type { InvokeHandler } from '../ipc/dispatcher';

export type SimChannel = 'sim.state' | 'sim.present' | 'sim.remove' | 'sim.faults';
export type SimHandlers = { [C in SimChannel]: InvokeHandler<C> };

/** PIN of every virtual card the panel presents. */
export const SIMULATION_CARD_PIN = '1234';

export interface SimulationControlDeps<Card> {
  /** PIN of every virtual card presented; SIMULATION_CARD_PIN unless a test needs its own. */
  cardPin?: string;
  reader: {
    readers(): string[];
    present(reader: string, card: Card): void;
    remove(reader: string): void;
    setServiceDown(down: boolean): void;
    subscribe(listener: (event: { type: string; reader?: string }) => void): () => void;
  };
  /**
   * A virtual card of this variant carrying the holder's certificate serial. Made once per card identity
   * (variant and serial): presenting the same card again hands back the same card, PIN counter and all.
   */
  makeCard(variant: SimCardVariant, serialHex: string, pin: string): Card;
  holders: readonly { serialHex: string; personId: string; label: string }[];
  setGatewayFault(fault: SimGatewayFault): void;
  setLogDown(down: boolean): void;
  /** The panel's view changed (sim.changed). */
  onChange(): void;
}

/**
 * The panel's gateway faults in the simulator gateway's terms (electron/core/gateway/simulator).
 * `timeoutSeconds` is the kiosk's `gateway.timeoutSeconds`: the "timeout" fault stays silent that long, as
 * a real system that never answers would be waited out.
 */
export function simulatorFaults(
  fault: SimGatewayFault,
  timeoutSeconds?: number,
): {
  timeout?: boolean;
  timeoutMs?: number;
  error?: string;
  malformed?: boolean;
  latencyMs?: number;
} {
  switch (fault) {
    case 'none':
      return {};
    case 'slow':
      return { latencyMs: SLOW_GATEWAY_MS };
    case 'timeout':
      return timeoutSeconds === undefined
        ? { timeout: true }
        : { timeout: true, timeoutMs: timeoutSeconds * 1000 };
    case 'error':
      return { error: 'gateway.unavailable' };
    case 'malformed':
      return { malformed: true };
  }
}

/** Latency of the "slow" gateway fault: long enough to see the processing screen. */
export const SLOW_GATEWAY_MS = 5_000;

export interface SimulationControl {
  readonly handlers: SimHandlers;
  dispose(): void;
}

const forbidden = (): never => {
  throw new KioskError('ipc.forbidden', 'シミュレーターはこの設定では使えません');
};

/** Production: every sim.* channel answers ipc.forbidden. */
export const forbiddenSimHandlers: SimHandlers = {
  'sim.state': forbidden,
  'sim.present': forbidden,
  'sim.remove': forbidden,
  'sim.faults': forbidden,
};

export function createSimulationControl<Card>(deps: SimulationControlDeps<Card>): SimulationControl {
  const presented = new Map<string, { variant: SimCardVariant; holderId: string; label: string }>();
  // One card per identity, so a PIN locked on it stays locked when the same card is put down again.
  const cards = new Map<string, Card>();
  const cardFor = (variant: SimCardVariant, serialHex: string): Card => {
    const identity = `${variant}:${serialHex}`;
    let card = cards.get(identity);
    if (card === undefined) {
      card = deps.makeCard(variant, serialHex, cardPin);
      cards.set(identity, card);
    }
    return card;
  };
  const identityOf = (entry: { variant: SimCardVariant; holderId: string }): string =>
    `${entry.variant}:${entry.holderId}`;
  let faults: SimFaults = { readerDown: false, gateway: 'none', logDown: false };
  const cardPin = deps.cardPin ?? SIMULATION_CARD_PIN;
  const unsubscribe = deps.reader.subscribe((event) => {
    // The card can also leave on its own (a virtual card set to vanish after some APDUs).
    if (event.type === 'card-removed' && event.reader && presented.delete(event.reader)) deps.onChange();
  });

  // The readers seen so far: a stopped reader service lists none, yet the readers and the cards on them are
  // still there, and the panel keeps showing them.
  const known = new Set<string>();
  const readerNames = (): string[] => {
    for (const name of deps.reader.readers()) known.add(name);
    return [...known];
  };

  const readerOf = (reader: string | undefined): string => {
    const names = readerNames();
    const name = reader ?? names[0];
    if (name === undefined || !names.includes(name)) {
      throw new KioskError('ipc.invalid-request', `読み取り機がありません: ${reader ?? '(既定)'}`);
    }
    return name;
  };

  const state = (): SimState => ({
    readers: readerNames().map((name) => ({ name, card: presented.get(name) ?? null })),
    holders: deps.holders.map((h) => ({ id: h.personId, label: h.label.slice(0, 100) })),
    variants: [...simCardVariants],
    faults: { ...faults },
    pin: cardPin,
  });

  return {
    handlers: {
      'sim.state': () => state(),
      'sim.present': (request) => {
        const reader = readerOf(request.reader);
        const holder = deps.holders.find((h) => h.personId === request.holderId);
        if (!holder)
          throw new KioskError('ipc.invalid-request', `模擬の被保険者がいません: ${request.holderId}`);
        const card = cardFor(request.variant, holder.serialHex);
        // One card is in one reader at a time: put down elsewhere, it leaves the reader it was in.
        const wanted = identityOf({ variant: request.variant, holderId: holder.personId });
        for (const [other, entry] of presented) {
          if (other !== reader && identityOf(entry) === wanted) {
            presented.delete(other);
            deps.reader.remove(other);
          }
        }
        if (presented.has(reader)) deps.reader.remove(reader);
        presented.set(reader, {
          variant: request.variant,
          holderId: holder.personId,
          label: holder.label.slice(0, 100),
        });
        deps.reader.present(reader, card);
        deps.onChange();
        return state();
      },
      'sim.remove': (request) => {
        const reader = readerOf(request.reader);
        presented.delete(reader);
        deps.reader.remove(reader);
        deps.onChange();
        return state();
      },
      'sim.faults': (request) => {
        faults = { ...faults, ...request };
        // A stopped reader service leaves the cards lying on the readers: the panel keeps showing them, and
        // they are announced again when the service comes back.
        if (request.readerDown !== undefined) deps.reader.setServiceDown(request.readerDown);
        if (request.gateway !== undefined) deps.setGatewayFault(request.gateway);
        if (request.logDown !== undefined) deps.setLogDown(request.logDown);
        deps.onChange();
        return state();
      },
    },
    dispose: unsubscribe,
  };
}
