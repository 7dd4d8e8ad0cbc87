// In-process ReaderPort: simulated readers into which tests and the demo kiosk put virtual cards.
import { CardError } from '../card/card-error';
import type {
  CardConnection,
  ReaderEvent,
  ReaderPort,
  ShareMode,
  TransmitOptions,
} from '../reader/reader-port';
import type { VirtualCard } from './virtual-card';

export interface SimulatedReaderPort extends ReaderPort {
  /** Puts a card into the reader (a card already there is taken out first). */
  present(reader: string, card: VirtualCard): void;
  /** Takes the card out of the reader; open connections then fail with card.removed. */
  remove(reader: string): void;
  /** Fault injection: pcscd stops (service-down) or comes back (service-up). */
  setServiceDown(down: boolean): void;
  /** Fault injection: the reader's USB cable is pulled (reader-removed) or put back (reader-added). */
  setPlugged(reader: string, plugged: boolean): void;
}

export interface SimulatedReaderPortOptions {
  /** Reader names; default one reader, "Simulated Reader 00". */
  readers?: string[];
}

interface Slot {
  card: VirtualCard | undefined;
  /** Changes on every insertion, removal and service outage: a connection is bound to one insertion. */
  insertion: number;
  /** Per-reader queue so APDUs never overlap, as on a real reader (§10 pitfall 7). */
  queue: Promise<unknown>;
  /** False while the reader is unplugged: it is not listed and every connection to it fails. */
  plugged: boolean;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSimulatedReaderPort(options: SimulatedReaderPortOptions = {}): SimulatedReaderPort {
  const names = options.readers ?? ['Simulated Reader 00'];
  if (names.length === 0 || new Set(names).size !== names.length || names.some((n) => n.trim() === '')) {
    throw new Error('reader names must be unique and not empty');
  }
  const slots = new Map<string, Slot>(
    names.map((name) => [name, { card: undefined, insertion: 0, queue: Promise.resolve(), plugged: true }]),
  );
  const listeners = new Set<(event: ReaderEvent) => void>();
  let serviceDown = false;
  let closed = false;
  let insertions = 0;

  const emit = (event: ReaderEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('a reader event listener threw', error);
      }
    }
  };

  const slotOf = (reader: string): Slot => {
    const slot = slots.get(reader);
    if (!slot) throw new Error(`unknown simulated reader "${reader}" (known: ${names.join(', ')})`);
    return slot;
  };

  const takeOut = (reader: string, slot: Slot): void => {
    if (!slot.card) return;
    slot.card.powerOff();
    slot.card = undefined;
    slot.insertion = ++insertions;
    if (!serviceDown && slot.plugged) emit({ type: 'card-removed', reader });
  };

  const removedError = (reader: string): CardError =>
    new CardError('card.removed', `the card left reader "${reader}"`);
  const goneError = (reader: string): CardError =>
    new CardError('card.reader-gone', `reader "${reader}" is not available (pcscd is not running)`);

  const usable = (): boolean => !serviceDown && !closed;

  /** A reader appears (pcscd back, cable in): the reader, then the card already lying on it. */
  const announce = (reader: string, slot: Slot): void => {
    emit({ type: 'reader-added', reader });
    if (slot.card) emit({ type: 'card-inserted', reader, atr: slot.card.powerOn() });
  };

  function connection(reader: string, slot: Slot, card: VirtualCard, insertion: number): CardConnection {
    let open = true;
    const check = (): void => {
      if (!usable() || !slot.plugged) throw goneError(reader);
      if (!open) throw new CardError('card.removed', `the connection to reader "${reader}" was closed`);
      if (slot.insertion !== insertion || slot.card !== card) throw removedError(reader);
    };
    const exchange = async (apdu: Uint8Array): Promise<Uint8Array> => {
      await (card.latencyMs > 0 ? sleep(card.latencyMs) : nextTurn());
      check();
      if (!card.powered) card.powerOn();
      const response = card.process(apdu);
      if (card.removed) takeOut(reader, slot);
      return response;
    };
    return {
      reader,
      atr: Uint8Array.from(card.atr),
      transmit(apdu: Uint8Array, transmitOptions: TransmitOptions = {}): Promise<Uint8Array> {
        const run = async (): Promise<Uint8Array> => {
          check();
          const timeoutMs = transmitOptions.timeoutMs;
          if (timeoutMs === undefined) return exchange(apdu);
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new CardError('card.timeout', `the card did not answer within ${timeoutMs} ms`)),
              timeoutMs,
            );
          });
          try {
            return await Promise.race([exchange(apdu), timeout]);
          } finally {
            clearTimeout(timer);
          }
        };
        const result = slot.queue.then(run, run);
        slot.queue = result.catch(() => undefined);
        return result;
      },
      async disconnect(): Promise<void> {
        await nextTurn();
        if (!open) return;
        open = false;
        // UNPOWER (§10 pitfall 3): the verified PIN is gone; the reader powers the card again for the next user.
        if (slot.insertion === insertion && slot.card === card) {
          card.powerOff();
          card.powerOn();
        }
      },
    };
  }

  return {
    readers: () => (usable() ? names.filter((name) => slots.get(name)?.plugged) : []),
    cardPresent: (reader) => {
      const slot = slots.get(reader);
      return usable() && slot?.plugged === true && slot.card !== undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async connect(reader: string, _mode: ShareMode, signal?: AbortSignal): Promise<CardConnection> {
      signal?.throwIfAborted();
      await nextTurn();
      // Aborted while the connect was under way: nothing was powered or handed out yet.
      signal?.throwIfAborted();
      const slot = slots.get(reader);
      if (!usable() || !slot?.plugged) throw goneError(reader);
      const card = slot.card;
      if (!card) throw new CardError('card.removed', `no card in reader "${reader}"`);
      if (!card.powered) card.powerOn();
      return connection(reader, slot, card, slot.insertion);
    },
    async close(): Promise<void> {
      closed = true;
      listeners.clear();
      for (const [reader, slot] of slots) takeOut(reader, slot);
    },
    present(reader, card) {
      const slot = slotOf(reader);
      takeOut(reader, slot);
      slot.card = card;
      slot.insertion = ++insertions;
      const atr = card.powerOn(); // pcscd powers a card up as soon as it appears (§8.1)
      if (usable() && slot.plugged) emit({ type: 'card-inserted', reader, atr });
    },
    remove(reader) {
      takeOut(reader, slotOf(reader));
    },
    setServiceDown(down) {
      if (down === serviceDown || closed) return;
      if (down) {
        serviceDown = true;
        // Every card loses its session: pcscd's restart resets the readers.
        for (const slot of slots.values()) {
          slot.insertion = ++insertions;
          slot.card?.powerOff();
        }
        emit({ type: 'service-down', reason: 'simulated: pcscd stopped' });
        // pcscd going away ends every reader as well (§10 pitfall 1).
        for (const [reader, slot] of slots) if (slot.plugged) emit({ type: 'reader-removed', reader });
        return;
      }
      serviceDown = false;
      emit({ type: 'service-up' });
      for (const [reader, slot] of slots) if (slot.plugged) announce(reader, slot);
    },
    setPlugged(reader, plugged) {
      const slot = slotOf(reader);
      if (slot.plugged === plugged || closed) return;
      slot.plugged = plugged;
      if (serviceDown) return;
      if (plugged) {
        announce(reader, slot);
        return;
      }
      // The card stays on the unplugged reader, but its power and every connection to it are gone.
      slot.insertion = ++insertions;
      slot.card?.powerOff();
      emit({ type: 'reader-removed', reader });
    },
  };
}
