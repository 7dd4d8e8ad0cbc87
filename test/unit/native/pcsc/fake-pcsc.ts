// A fake pcscd + pcsclite 1.0.1 for unit tests, mimicking my-number-card.md §9.1 and §10 (errors, flags, counter).
import { EventEmitter } from 'node:events';
import type { PcscLike, PcscReaderLike, PcscStatus } from '../../../../native/pcsc/pcsc-like';

/** pcsclite's message format: "%s error: %s(0x%.8lx)" (node-pcsclite src/common.h). */
export const pcscError = (method: string, text: string, code: number): Error =>
  new Error(`${method} error: ${text}(0x${code.toString(16).padStart(8, '0')})`);

export interface FakeCard {
  atr: Uint8Array;
  /** Answers one command APDU with data + SW1 SW2. */
  respond(apdu: Uint8Array): Uint8Array;
  /** Answer a transmit only when the test calls release() (a hung transmit). */
  hang?: boolean;
}

interface Slot {
  card: FakeCard | undefined;
  counter: number;
  mute: boolean;
  /** Fail the next connects with this error (e.g. UNRESPONSIVE) while still set. */
  connectFailures: Error[];
  /** Fail the next transmits with these errors. */
  transmitFailures: Error[];
  holder: FakeReader | undefined;
  exclusive: boolean;
}

export interface TransmitRecord {
  reader: string;
  apdu: string;
  resLen: number;
  protocol: number;
}

/** The daemon: slots, cards and every context handed out. */
export class FakePcscd {
  running = true;
  readonly slots = new Map<string, Slot>();
  readonly contexts: FakePcsc[] = [];
  readonly transmits: TransmitRecord[] = [];
  readonly connects: { reader: string; shareMode: number; protocol: number }[] = [];
  readonly disconnects: { reader: string; disposition: number }[] = [];
  readonly pending: (() => void)[] = [];
  factoryCalls = 0;
  /** Responses come back after this many event-loop turns, so concurrent calls can overtake each other. */
  transmitTurns = (_apdu: Uint8Array): number => 1;

  /** The PcscFactory to inject: throws synchronously while the daemon is down (§10 pitfall 2). */
  readonly factory = (): PcscLike => {
    this.factoryCalls += 1;
    if (!this.running) {
      throw pcscError('SCardEstablishContext', 'Service not available.', 0x8010001d);
    }
    const pcsc = new FakePcsc(this);
    this.contexts.push(pcsc);
    return pcsc;
  };

  live(): FakePcsc[] {
    return this.contexts.filter((c) => !c.closed && !c.dead);
  }

  stateOf(name: string): number {
    const slot = this.slots.get(name);
    if (!slot?.card) return (slot?.counter ?? 0) * 0x10000 + 0x10 + 0x2;
    let state = 0x20 + 0x2;
    if (slot.mute) state |= 0x200;
    if (slot.holder) state |= 0x100;
    if (slot.holder && slot.exclusive) state |= 0x80;
    return slot.counter * 0x10000 + state;
  }

  addReader(name: string): void {
    this.slots.set(name, {
      card: undefined,
      counter: 0,
      mute: false,
      connectFailures: [],
      transmitFailures: [],
      holder: undefined,
      exclusive: false,
    });
    for (const pcsc of this.live()) pcsc.announce(name);
  }

  removeReader(name: string): void {
    this.slots.delete(name);
    for (const pcsc of this.live()) pcsc.readers[name]?.end();
  }

  insert(name: string, card: FakeCard, opts: { mute?: boolean } = {}): void {
    const slot = this.mustSlot(name);
    slot.card = card;
    slot.mute = opts.mute ?? false;
    slot.counter += 1;
    this.broadcast(name);
  }

  remove(name: string): void {
    const slot = this.mustSlot(name);
    slot.card = undefined;
    slot.mute = false;
    slot.counter += 1;
    this.broadcast(name);
  }

  /** The card answers its power-up after all (e.g. pushed fully into the field). */
  unmute(name: string): void {
    this.mustSlot(name).mute = false;
  }

  /** pcscd dies: every context emits RPC transport error, every reader 'error' then 'end' (§10 pitfall 1). */
  kill(): void {
    this.running = false;
    for (const pcsc of this.live()) pcsc.die();
  }

  start(): void {
    this.running = true;
  }

  release(): void {
    for (const fn of this.pending.splice(0)) fn();
  }

  broadcast(name: string): void {
    for (const pcsc of this.live()) pcsc.readers[name]?.pushStatus();
  }

  mustSlot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no slot ${name}`);
    return slot;
  }
}

export class FakePcsc extends EventEmitter implements PcscLike {
  readonly readers: Record<string, FakeReader> = {};
  closed = false;
  dead = false;

  constructor(readonly daemon: FakePcscd) {
    super();
    // The library starts its watcher on the next tick and then emits 'reader' for each name.
    process.nextTick(() => {
      if (this.closed || this.dead) return;
      if (!this.daemon.running) {
        this.dead = true;
        this.emit('error', pcscError('SCardListReaders', 'Service not available.', 0x8010001d));
        return;
      }
      for (const name of this.daemon.slots.keys()) this.announce(name);
    });
  }

  announce(name: string): void {
    if (this.readers[name]) return;
    const reader = new FakeReader(this, name);
    this.readers[name] = reader;
    this.emit('reader', reader);
    // get_status: the first status arrives on the status thread, i.e. asynchronously.
    setImmediate(() => reader.pushStatus());
  }

  die(): void {
    this.dead = true;
    this.emit('error', pcscError('SCardGetStatusChange', 'RPC transport error.', 0x80100013));
    for (const reader of Object.values(this.readers)) {
      reader.emit('error', pcscError('SCardGetStatusChange', 'RPC transport error.', 0x80100013));
      reader.end();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Seen after close() in the real library; must be ignored (§10 pitfall 10).
    setImmediate(() =>
      this.emit('error', pcscError('SCardGetStatusChange', 'Command cancelled.', 0x80100002)),
    );
  }
}

export class FakeReader extends EventEmitter implements PcscReaderLike {
  connected = false;
  /** The previous state while a 'status' handler runs (the library sets it after emitting, §9.1). */
  state: number | undefined;
  closed = false;
  ended = false;
  private handleValid = false;

  constructor(
    readonly pcsc: FakePcsc,
    readonly name: string,
  ) {
    super();
  }

  private get daemon(): FakePcscd {
    return this.pcsc.daemon;
  }

  private get slot(): Slot | undefined {
    return this.daemon.slots.get(this.name);
  }

  pushStatus(): void {
    if (this.closed || this.ended) return;
    const state = this.daemon.stateOf(this.name);
    if (state === this.state) return;
    const status: PcscStatus = { state };
    const atr = this.slot?.card && !this.slot.mute ? this.slot.card.atr : undefined;
    if (atr) status.atr = Buffer.from(atr);
    this.emit('status', status);
    this.state = state;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.removeAllListeners('status');
    this.emit('end');
  }

  connect(
    options: { share_mode: number; protocol: number },
    cb: (err: Error | null | undefined, protocol?: number) => void,
  ): void {
    if (this.connected) {
      // The library's JS shortcut: no call to SCardConnect and no protocol (§9.1).
      cb(undefined);
      return;
    }
    const d = this.daemon;
    setImmediate(() => {
      if (!d.running || this.pcsc.dead)
        return cb(pcscError('SCardConnect', 'Service not available.', 0x8010001d));
      const slot = this.slot;
      if (!slot) return cb(pcscError('SCardConnect', 'Unknown reader specified.', 0x80100009));
      const failure = slot.connectFailures.shift();
      if (failure) return cb(failure);
      if (!slot.card) return cb(pcscError('SCardConnect', 'No smart card inserted.', 0x8010000c));
      if (slot.mute) return cb(pcscError('SCardConnect', 'Card is unresponsive.', 0x80100066));
      if (slot.holder && slot.holder !== this && (slot.exclusive || options.share_mode === 1)) {
        return cb(pcscError('SCardConnect', 'Sharing violation.', 0x8010000b));
      }
      d.connects.push({ reader: this.name, shareMode: options.share_mode, protocol: options.protocol });
      slot.holder = this;
      slot.exclusive = options.share_mode === 1;
      this.connected = true;
      this.handleValid = true;
      cb(null, 2);
      // Our own connect toggles INUSE/EXCLUSIVE in the status (noise the driver must ignore, §10 pitfall 8).
      d.broadcast(this.name);
    });
  }

  disconnect(disposition: number, cb: (err: Error | null | undefined) => void): void {
    if (!this.connected) {
      cb(undefined);
      return;
    }
    const d = this.daemon;
    setImmediate(() => {
      d.disconnects.push({ reader: this.name, disposition });
      this.connected = false;
      this.handleValid = false;
      const slot = this.slot;
      if (slot?.holder === this) {
        slot.holder = undefined;
        slot.exclusive = false;
      }
      cb(null);
      d.broadcast(this.name);
    });
  }

  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: Error | null | undefined, data?: Buffer) => void,
  ): void {
    if (!this.connected) {
      cb(new Error('Card Reader not connected'));
      return;
    }
    const d = this.daemon;
    const apdu = new Uint8Array(data);
    const card = this.slot?.card;
    const answer = (): void => {
      if (!d.running || this.pcsc.dead)
        return cb(pcscError('SCardTransmit', 'Service not available.', 0x8010001d));
      if (!this.handleValid) return cb(pcscError('SCardTransmit', 'Invalid handle.', 0x80100003));
      const now = this.slot?.card;
      if (!now || now !== card) return cb(pcscError('SCardTransmit', 'Card was removed.', 0x80100069));
      const failure = this.slot?.transmitFailures.shift();
      if (failure) return cb(failure);
      d.transmits.push({ reader: this.name, apdu: Buffer.from(apdu).toString('hex'), resLen, protocol });
      const response = now.respond(apdu);
      if (response.length > resLen) {
        return cb(pcscError('SCardTransmit', 'Insufficient buffer.', 0x80100008));
      }
      cb(null, Buffer.from(response));
    };
    if (card?.hang) {
      d.pending.push(answer);
      return;
    }
    let turns = d.transmitTurns(apdu);
    const step = (): void => {
      if (turns-- <= 0) answer();
      else setImmediate(step);
    };
    step();
  }

  close(): void {
    this.closed = true;
  }
}

/** A card that answers 9000 with a payload of `size` bytes, or runs a custom responder. */
export function simpleCard(respond?: (apdu: Uint8Array) => Uint8Array): FakeCard {
  return {
    atr: Uint8Array.from([0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f]),
    respond: respond ?? (() => Uint8Array.from([0x90, 0x00])),
  };
}
