// The pcsclite adapter of ReaderPort: reader and card edges, one serial APDU queue per reader, pcscd recovery.
import { CardError } from '../card/card-error';
import { responseLength, traceCommand, traceResponse } from './apdu-trace';
import { loadPcsclite } from './load-pcsclite';
import {
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_STATE,
  SCARD_CODE,
  SCARD_UNPOWER_CARD,
  STATE_MASK,
  type PcscFactory,
  type PcscLike,
  type PcscReaderLike,
  type PcscStatus,
} from './pcsc-like';
import { isServiceError, isUnsettledCardError, pcscErrorCode, toCardError } from './pcsc-errors';
import type { CardConnection, ReaderEvent, ReaderPort, ShareMode, TransmitOptions } from './reader-port';

export interface PcscReaderPortOptions {
  /** Only readers whose PC/SC name contains this text (case-insensitive) are used; empty = every reader. */
  nameFilter?: string;
  /** Default timeout of each transmit, connect and disconnect. */
  transmitTimeoutMs?: number;
  /** Backoff between attempts to reach pcscd again: starts at initialMs, doubles up to maxMs. */
  recovery?: { initialMs: number; maxMs: number };
  /** Wait before looking again at a card that is MUTE or unresponsive (half in the field, §10 pitfall 8). */
  unsettledRetryMs?: number;
  /** Creates the pcsclite context; defaults to the real native module. */
  pcsc?: PcscFactory;
  /** One line per APDU and per state change; PIN data is always masked. */
  log?: (line: string) => void;
}

const defaults = {
  transmitTimeoutMs: 10_000,
  // A try to reach pcscd is one local socket connect, so trying every 2 s costs nothing, and the kiosk
  // is back within about 2 s of pcscd's return however long it was away (soak target: 5 s).
  recovery: { initialMs: 500, maxMs: 2_000 },
  unsettledRetryMs: 250,
};

/**
 * Tries of connect() while a card settles in the field, and quick tries of the MUTE probe; after those
 * the probe goes on at a quarter of the pace for as long as the card stays MUTE (§10 pitfall 8).
 */
const UNSETTLED_TRIES = 4;
const UNSETTLED_SLOW_FACTOR = 4;
/**
 * How long a failed exchange (E_NOT_TRANSACTED) waits for the reader to report EMPTY before it is called a
 * removal: longer than pcscd's 400 ms presence poll (§8.1). vpcd and contactless readers fail a transmit
 * this way when the card leaves during it (observed with vpcd).
 */
const REMOVAL_CONFIRM_MS = 1_000;
/** A remove + insert between two status events advances the event counter by 2 (§9.1, §10 pitfall 8). */
const COUNTER_REINSERT_STEP = 2;
const MAX_APDU_LENGTH = 4 + 3 + 65535 + 2;

interface Context {
  readonly id: number;
  readonly pcsc: PcscLike;
}

interface ReaderEntry {
  readonly name: string;
  readonly reader: PcscReaderLike;
  readonly context: Context;
  /** What listeners were told: true between card-inserted and card-removed. */
  present: boolean;
  /** Last raw state with the event counter masked off, and the counter itself. */
  state: number | undefined;
  counter: number | undefined;
  atr: Uint8Array;
  unsettledTimer: NodeJS.Timeout | undefined;
  unsettledTries: number;
  /** Tail of the native operation chain: connect, transmit and disconnect never overlap (§10 pitfall 7). */
  tail: Promise<void>;
  connection: PcscConnection | undefined;
  gone: boolean;
  /** Called once when the card leaves or the reader goes. */
  removalWaiters: Set<() => void>;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`timeout after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function nativeConnect(reader: PcscReaderLike, shareMode: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    reader.connect(
      { share_mode: shareMode, protocol: SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1 },
      (err, protocol) => (err ? reject(err) : resolve(protocol)),
    );
  });
}

function nativeDisconnect(reader: PcscReaderLike): Promise<void> {
  return new Promise((resolve, reject) => {
    reader.disconnect(SCARD_UNPOWER_CARD, (err) => (err ? reject(err) : resolve()));
  });
}

function nativeTransmit(reader: PcscReaderLike, apdu: Uint8Array, protocol: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    reader.transmit(Buffer.from(apdu), responseLength(apdu), protocol, (err, data) =>
      err ? reject(err) : data ? resolve(data) : reject(new Error('SCardTransmit returned no data')),
    );
  });
}

/**
 * Disconnects with UNPOWER when the JS `connected` flag is set. After a removal the flag stays true and a
 * connect() would then do nothing (§9.1, §10 pitfall 4); if the disconnect itself fails the flag is cleared.
 */
async function resetConnectedFlag(reader: PcscReaderLike): Promise<void> {
  if (!reader.connected) return;
  try {
    await nativeDisconnect(reader);
  } catch {
    reader.connected = false;
  }
}

/** Runs `op` after every earlier native operation of this reader has called back. */
function enqueue<T>(entry: ReaderEntry, op: (reader: PcscReaderLike) => Promise<T>): Promise<T> {
  const run = entry.tail.then(() => op(entry.reader));
  entry.tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

const hasFlag = (state: number, flag: number): boolean => (state & flag) !== 0;

class PcscConnection implements CardConnection {
  private lost: CardError | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly entry: ReaderEntry,
    private readonly protocol: number,
    readonly atr: Uint8Array,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
    private readonly removalSeen: (ms: number) => Promise<boolean>,
  ) {}

  get reader(): string {
    return this.entry.name;
  }

  /** The card, reader or service went away: every later transmit fails at once with this error. */
  lose(error: CardError): void {
    this.lost ??= error;
  }

  async transmit(apdu: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    if (!(apdu instanceof Uint8Array) || apdu.length < 4 || apdu.length > MAX_APDU_LENGTH) {
      throw new CardError('card.protocol-error', 'コマンド APDU の形式が不正です（4 バイト以上が必要です）');
    }
    if (this.lost) throw this.lost;
    if (this.closing) throw new CardError('card.removed', 'カードとの接続は切断済みです');
    const name = this.entry.name;
    const started = performance.now();
    this.log(`${name} > ${traceCommand(apdu, options.sensitive)}`);
    const op = enqueue(this.entry, (reader) => {
      if (this.lost) throw this.lost;
      if (this.closing) throw new CardError('card.removed', 'カードとの接続は切断済みです');
      return nativeTransmit(reader, apdu, this.protocol);
    });
    let response: Buffer;
    try {
      response = await withTimeout(op, options.timeoutMs ?? this.timeoutMs);
    } catch (error) {
      let cardError =
        error instanceof TimeoutError
          ? new CardError('card.timeout', 'カードの応答がありません（接続をリセットしました）')
          : toCardError(error, 'transmit');
      if (
        pcscErrorCode(error) === SCARD_CODE.E_NOT_TRANSACTED &&
        (await this.removalSeen(REMOVAL_CONFIRM_MS))
      ) {
        cardError = new CardError('card.removed', 'カードが取り外されました', {}, { cause: error });
      }
      this.log(`${name} ! ${cardError.code}: ${cardError.message}`);
      if (
        error instanceof TimeoutError ||
        cardError.code === 'card.removed' ||
        cardError.code === 'card.reader-gone'
      ) {
        // A hung or broken connection is not reused: the next transmit fails fast, the card is unpowered.
        this.lose(cardError);
        void this.disconnect();
      }
      throw cardError;
    }
    if (response.length === 0) {
      // No status word at all: the card did not answer. vpcd reports a card that left during the
      // exchange this way (observed), where a CCID reader gives W_REMOVED_CARD.
      const removed = new CardError(
        'card.removed',
        'カードが応答しませんでした（取り外された可能性があります）',
      );
      this.log(`${name} ! ${removed.code}: empty response`);
      this.lose(removed);
      void this.disconnect();
      throw removed;
    }
    if (response.length < 2) {
      throw new CardError('card.protocol-error', `カードの応答が短すぎます（${response.length} バイト）`);
    }
    const result = new Uint8Array(response.buffer, response.byteOffset, response.length);
    this.log(`${name} < ${traceResponse(result)} ${(performance.now() - started).toFixed(1)} ms`);
    return result;
  }

  disconnect(): Promise<void> {
    this.closing ??= this.close();
    return this.closing;
  }

  private async close(): Promise<void> {
    const entry = this.entry;
    // A connection that was replaced no longer owns the reader's one card handle: leave it to the new one.
    if (entry.connection !== this) return;
    entry.connection = undefined;
    const done = enqueue(entry, (reader) => resetConnectedFlag(reader));
    try {
      // Bounded: a transmit hung in the driver keeps the native call waiting, never the caller.
      await withTimeout(done, this.timeoutMs);
      this.log(`${entry.name} disconnected (unpower)`);
    } catch {
      this.log(`${entry.name} disconnect still pending in the driver`);
    }
  }
}

/**
 * Creates the PC/SC reader port. Never throws and never blocks: when pcscd is down it reports
 * `service-down` and keeps trying to reach it with backoff (§10 pitfalls 1, 2).
 */
export function createPcscReaderPort(options: PcscReaderPortOptions = {}): ReaderPort {
  const factory = options.pcsc ?? loadPcsclite;
  const filter = (options.nameFilter ?? '').toLowerCase();
  const timeoutMs = options.transmitTimeoutMs ?? defaults.transmitTimeoutMs;
  const recovery = options.recovery ?? defaults.recovery;
  const unsettledRetryMs = options.unsettledRetryMs ?? defaults.unsettledRetryMs;
  const log = options.log ?? (() => undefined);

  const listeners = new Set<(event: ReaderEvent) => void>();
  const entries = new Map<string, ReaderEntry>();
  /** Every reader object a context handed out (filtered ones too): all of them are closed with it. */
  const allReaders = new Map<Context, PcscReaderLike[]>();
  let context: Context | undefined;
  let contextCount = 0;
  let serviceDown = false;
  let backoffMs = recovery.initialMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const emit = (event: ReaderEvent): void => {
    if (closed) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log(`listener failed on ${event.type}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const current = (entry: ReaderEntry): boolean =>
    !closed && !entry.gone && context === entry.context && entries.get(entry.name) === entry;

  // ---- card edges -------------------------------------------------------------------------------

  const cancelUnsettled = (entry: ReaderEntry): void => {
    if (entry.unsettledTimer) clearTimeout(entry.unsettledTimer);
    entry.unsettledTimer = undefined;
    entry.unsettledTries = 0;
  };

  const markInserted = (entry: ReaderEntry): void => {
    entry.present = true;
    log(`${entry.name} card inserted, ATR ${Buffer.from(entry.atr).toString('hex').toUpperCase()}`);
    emit({ type: 'card-inserted', reader: entry.name, atr: entry.atr.slice() });
  };

  const notifyRemoval = (entry: ReaderEntry): void => {
    for (const waiter of [...entry.removalWaiters]) waiter();
  };

  /** Resolves true once the card is (or already was) reported gone, false after `ms` without that. */
  const removalSeen = (entry: ReaderEntry, ms: number): Promise<boolean> => {
    if (!current(entry) || !entry.present) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (seen: boolean): void => {
        clearTimeout(timer);
        entry.removalWaiters.delete(onRemoval);
        resolve(seen);
      };
      const onRemoval = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      entry.removalWaiters.add(onRemoval);
    });
  };

  const markRemoved = (entry: ReaderEntry): void => {
    const wasPresent = entry.present;
    entry.present = false;
    const connection = entry.connection;
    if (connection) {
      connection.lose(new CardError('card.removed', 'カードが取り外されました'));
      void connection.disconnect();
    } else {
      // Also clears a stale JS `connected` flag left by a connect that lost its card (§10 pitfall 4).
      void enqueue(entry, (reader) => resetConnectedFlag(reader));
    }
    if (wasPresent) {
      log(`${entry.name} card removed`);
      emit({ type: 'card-removed', reader: entry.name });
    }
    notifyRemoval(entry);
  };

  /**
   * MUTE: the card did not answer its power-up, usually because it is only half in the field. A probe
   * connect makes pcscd power it up again; when that works the next status event shows it present.
   */
  const scheduleUnsettled = (entry: ReaderEntry): void => {
    if (entry.unsettledTimer) return;
    const wait = unsettledRetryMs * (entry.unsettledTries < UNSETTLED_TRIES ? 1 : UNSETTLED_SLOW_FACTOR);
    entry.unsettledTimer = setTimeout(() => {
      entry.unsettledTimer = undefined;
      entry.unsettledTries += 1;
      if (!current(entry) || entry.present || entry.state === undefined) return;
      if (!hasFlag(entry.state, SCARD_STATE.PRESENT) || !hasFlag(entry.state, SCARD_STATE.MUTE)) return;
      log(`${entry.name} card mute, probing (try ${entry.unsettledTries})`);
      void enqueue(entry, async (reader) => {
        await resetConnectedFlag(reader);
        await nativeConnect(reader, SCARD_SHARE_SHARED);
        await resetConnectedFlag(reader);
      }).catch((error: unknown) => {
        log(`${entry.name} probe failed: ${error instanceof Error ? error.message : String(error)}`);
        if (current(entry) && isUnsettledCardError(error)) scheduleUnsettled(entry);
      });
    }, wait);
  };

  const onStatus = (entry: ReaderEntry, status: PcscStatus): void => {
    if (!current(entry)) return;
    const raw = status.state >>> 0;
    const state = raw & STATE_MASK;
    const counter = raw >>> 16;
    const previousCounter = entry.counter;
    entry.state = state;
    entry.counter = counter;
    if (status.atr && status.atr.length > 0) entry.atr = new Uint8Array(status.atr);

    // Only the rising edges of EMPTY and PRESENT count; INUSE/EXCLUSIVE toggles from our own connects
    // leave both unchanged and so emit nothing (§10 pitfall 8).
    if (hasFlag(state, SCARD_STATE.EMPTY)) {
      cancelUnsettled(entry);
      entry.atr = new Uint8Array(0);
      if (entry.present || entry.connection) markRemoved(entry);
      return;
    }
    if (!hasFlag(state, SCARD_STATE.PRESENT)) return;
    const counterStep = previousCounter === undefined ? 0 : (counter - previousCounter + 0x10000) % 0x10000;
    if (entry.present && counterStep >= COUNTER_REINSERT_STEP) {
      // A quick remove + insert arrived as one event: report both edges.
      markRemoved(entry);
    }
    if (hasFlag(state, SCARD_STATE.MUTE)) {
      if (!entry.present) scheduleUnsettled(entry);
      return;
    }
    cancelUnsettled(entry);
    if (!entry.present) markInserted(entry);
  };

  // ---- readers ---------------------------------------------------------------------------------

  const dropReader = (entry: ReaderEntry, error: CardError, announce: boolean): void => {
    if (entry.gone) return;
    cancelUnsettled(entry);
    if (entries.get(entry.name) === entry) entries.delete(entry.name);
    entry.connection?.lose(error);
    entry.connection = undefined;
    const wasPresent = entry.present;
    entry.present = false;
    entry.gone = true;
    notifyRemoval(entry);
    if (!announce) return;
    if (wasPresent) emit({ type: 'card-removed', reader: entry.name });
    log(`${entry.name} reader removed`);
    emit({ type: 'reader-removed', reader: entry.name });
  };

  const onReader = (ctx: Context, reader: PcscReaderLike): void => {
    // Every emitter gets an error listener: an unhandled 'error' would crash the process (§10 pitfall 10).
    const name = reader.name;
    const wanted = filter === '' || name.toLowerCase().includes(filter);
    if (closed || context !== ctx || !wanted) {
      reader.on('error', () => undefined);
      return;
    }
    const previous = entries.get(name);
    if (previous)
      dropReader(previous, new CardError('card.reader-gone', 'カードリーダーが再接続されました'), true);
    const entry: ReaderEntry = {
      name,
      reader,
      context: ctx,
      present: false,
      state: undefined,
      counter: undefined,
      atr: new Uint8Array(0),
      unsettledTimer: undefined,
      unsettledTries: 0,
      tail: Promise.resolve(),
      connection: undefined,
      gone: false,
      removalWaiters: new Set(),
    };
    entries.set(name, entry);
    reader.on('status', (status) => onStatus(entry, status));
    reader.on('error', (error) => {
      if (!current(entry)) return;
      log(`${name} error: ${error.message}`);
      if (isServiceError(error)) serviceLost(ctx, error.message);
    });
    reader.on('end', () => {
      if (!current(entry)) return;
      dropReader(entry, new CardError('card.reader-gone', 'カードリーダーが取り外されました'), true);
    });
    log(`${name} reader added`);
    emit({ type: 'reader-added', reader: name });
  };

  // ---- the pcscd context -----------------------------------------------------------------------

  const closeContext = (ctx: Context): void => {
    // Readers first, then the context (§10 pitfall 10). Both calls only cancel and join their threads.
    for (const entry of [...entries.values()]) {
      if (entry.context !== ctx) continue;
      dropReader(entry, new CardError('card.reader-gone', 'PC/SC サービス（pcscd）が停止しました'), false);
    }
    for (const entry of allReaders.get(ctx) ?? []) {
      try {
        entry.close();
      } catch {
        // already closed
      }
    }
    allReaders.delete(ctx);
    try {
      ctx.pcsc.close();
    } catch {
      // already closed
    }
  };

  const scheduleRetry = (): void => {
    if (closed || retryTimer) return;
    const wait = backoffMs;
    backoffMs = Math.min(backoffMs * 2, recovery.maxMs);
    log(`pcscd unavailable, next attempt in ${wait} ms`);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      establish();
    }, wait);
  };

  function serviceLost(ctx: Context, reason: string): void {
    if (closed || context !== ctx) return;
    context = undefined;
    const announced = [...entries.values()].filter((entry) => entry.context === ctx);
    if (!serviceDown) {
      serviceDown = true;
      log(`pcscd lost: ${reason}`);
      emit({ type: 'service-down', reason });
    }
    for (const entry of announced) {
      dropReader(entry, new CardError('card.reader-gone', 'PC/SC サービス（pcscd）が停止しました'), true);
    }
    // Close outside the emitting call stack of the native module.
    setImmediate(() => closeContext(ctx));
    scheduleRetry();
  }

  function establish(): void {
    if (closed || context) return;
    let pcsc: PcscLike;
    try {
      // pcsclite 1.0.1 throws synchronously here when pcscd is not running (§10 pitfall 2).
      pcsc = factory();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!serviceDown) {
        serviceDown = true;
        log(`pcscd not available: ${reason}`);
        // Deferred so that a listener subscribed right after creation hears it.
        setImmediate(() => emit({ type: 'service-down', reason }));
      }
      scheduleRetry();
      return;
    }
    contextCount += 1;
    const ctx: Context = { id: contextCount, pcsc };
    context = ctx;
    allReaders.set(ctx, []);
    pcsc.on('error', (error) => {
      // After close (or for a replaced context) errors such as CANCELLED are expected and ignored (§10 pitfall 10).
      if (closed || context !== ctx) return;
      log(`pcsc error: ${error.message}`);
      // The watcher thread stops on any error (§10 pitfall 1): without a new context nothing more arrives.
      serviceLost(ctx, error.message);
    });
    pcsc.on('reader', (reader) => {
      allReaders.get(ctx)?.push(reader);
      onReader(ctx, reader);
    });
    backoffMs = recovery.initialMs;
    log(`pcsc context ${ctx.id} established`);
    if (serviceDown) {
      serviceDown = false;
      emit({ type: 'service-up' });
    }
  }

  establish();

  // ---- the port --------------------------------------------------------------------------------

  async function connect(readerName: string, mode: ShareMode): Promise<CardConnection> {
    if (closed) throw new CardError('card.reader-gone', 'カードリーダーは閉じられています');
    if (mode !== 'shared' && mode !== 'exclusive') {
      throw new CardError('card.protocol-error', `共有モードが不正です: ${String(mode)}`);
    }
    const entry = entries.get(readerName);
    if (!entry || !current(entry)) {
      throw new CardError('card.reader-gone', `カードリーダー「${readerName}」が見つかりません`);
    }
    // The reader has one card handle: a new connection replaces (and unpowers) the previous one.
    await entry.connection?.disconnect();
    const shareMode = mode === 'exclusive' ? SCARD_SHARE_EXCLUSIVE : SCARD_SHARE_SHARED;
    for (let attempt = 1; ; attempt += 1) {
      const op = enqueue(entry, async (reader) => {
        await resetConnectedFlag(reader);
        const protocol = await nativeConnect(reader, shareMode);
        if (protocol === undefined) throw new Error('SCardConnect returned no protocol');
        return protocol;
      });
      let protocol: number;
      try {
        protocol = await withTimeout(op, timeoutMs);
      } catch (error) {
        if (error instanceof TimeoutError) {
          // If the connect completes later, unpower it right after (same queue).
          void enqueue(entry, (reader) => resetConnectedFlag(reader));
          throw new CardError('card.timeout', 'カードリーダーが応答しません');
        }
        const rawPresent = entry.state !== undefined && hasFlag(entry.state, SCARD_STATE.PRESENT);
        if (current(entry) && rawPresent && isUnsettledCardError(error) && attempt < UNSETTLED_TRIES) {
          log(
            `${readerName} connect: card not settled (${pcscErrorCode(error)?.toString(16) ?? '?'}), retrying`,
          );
          await delay(unsettledRetryMs);
          continue;
        }
        throw toCardError(error, 'connect');
      }
      if (!current(entry)) {
        void enqueue(entry, (reader) => resetConnectedFlag(reader));
        throw new CardError('card.reader-gone', 'カードリーダーが取り外されました');
      }
      const connection = new PcscConnection(entry, protocol, entry.atr.slice(), timeoutMs, log, (ms) =>
        removalSeen(entry, ms),
      );
      // A concurrent connect() that finished first had its handle replaced by this one.
      entry.connection?.lose(new CardError('card.removed', '別の接続に置き換えられました'));
      entry.connection = connection;
      log(`${readerName} connected ${mode} T=${protocol === SCARD_PROTOCOL_T1 ? 1 : 0}`);
      return connection;
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    // Let a context created in this tick start its watcher first, so close() really stops it.
    await new Promise((resolve) => setImmediate(resolve));
    const open = [...entries.values()].flatMap((entry) => (entry.connection ? [entry.connection] : []));
    await Promise.all(open.map((connection) => connection.disconnect()));
    closed = true;
    listeners.clear();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    const ctx = context;
    context = undefined;
    if (ctx) closeContext(ctx);
    for (const entry of entries.values()) cancelUnsettled(entry);
    entries.clear();
    log('closed');
  }

  return {
    readers: () => [...entries.keys()],
    cardPresent: (reader) => entries.get(reader)?.present ?? false,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    connect,
    close,
  };
}
