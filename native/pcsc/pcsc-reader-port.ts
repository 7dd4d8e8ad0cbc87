// The pcsclite adapter of ReaderPort: readers and their cards, one serial APDU queue per reader, pcscd recovery.
import { CardError } from '../card/card-error';
import { loadPcsclite } from './load-pcsclite';
import {
  abortReason,
  enqueue,
  nativeConnect,
  PcscConnection,
  resetConnectedFlag,
  TimeoutError,
  withTimeout,
  type ReaderSlot,
} from './pcsc-connection';
import { isServiceError, isUnsettledCardError, pcscErrorCode, toCardError } from './pcsc-errors';
import {
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  type PcscFactory,
  type PcscLike,
  type PcscReaderLike,
} from './pcsc-like';
import {
  CardDetector,
  ServiceRecovery,
  systemTimers,
  UNSETTLED_TRIES,
  type Timers,
} from './reader-detection';
import type { CardConnection, ReaderEvent, ReaderPort, ShareMode } from '../reader/reader-port';
import { ReaderRoster, type ReaderGoneReason } from './reader-roster';

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
  /**
   * Timers of card detection and recovery: MUTE probes, connect retries while a card settles, the wait for a
   * removal to show, pcscd retries. Defaults to the process's; transmit timeouts always use the process's.
   */
  timers?: Timers;
}

const defaults = {
  transmitTimeoutMs: 10_000,
  // A try to reach pcscd is one local socket connect, so trying every 2 s costs nothing, and the kiosk
  // is back within about 2 s of pcscd's return however long it was away (soak target: 5 s).
  recovery: { initialMs: 500, maxMs: 2_000 },
  unsettledRetryMs: 250,
};

interface Context {
  readonly id: number;
  readonly pcsc: PcscLike;
}

/** What a connection on a reader that left fails with. */
const goneMessages: Record<ReaderGoneReason, string> = {
  replaced: 'カードリーダーが再接続されました',
  unplugged: 'カードリーダーが取り外されました',
  'service-stopped': 'PC/SC サービス（pcscd）が停止しました',
};

interface ReaderEntry extends ReaderSlot {
  readonly context: Context;
  /** Card edges of this reader; `detector.present` is what listeners were told. */
  readonly detector: CardDetector;
  /** Called once when the card leaves or the reader goes. */
  removalWaiters: Set<() => void>;
}

/**
 * Creates the PC/SC reader port. Never throws and never blocks: when pcscd is down it reports
 * `service-down` and keeps trying to reach it with backoff (§10 pitfalls 1, 2).
 */
export function createPcscReaderPort(options: PcscReaderPortOptions = {}): ReaderPort {
  const factory = options.pcsc ?? loadPcsclite;
  const filter = options.nameFilter ?? '';
  const timeoutMs = options.transmitTimeoutMs ?? defaults.transmitTimeoutMs;
  const unsettledRetryMs = options.unsettledRetryMs ?? defaults.unsettledRetryMs;
  const timers = options.timers ?? systemTimers;
  const log = options.log ?? (() => undefined);

  const listeners = new Set<(event: ReaderEvent) => void>();
  /** Every reader object a context handed out (filtered ones too): all of them are closed with it. */
  const allReaders = new Map<Context, PcscReaderLike[]>();
  let context: Context | undefined;
  let contextCount = 0;
  let closed = false;
  const recovery = new ServiceRecovery(timers, options.recovery ?? defaults.recovery, () => establish());

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

  /** Wakes whoever waits on this reader's card leaving (a failed exchange deciding whether it was a removal). */
  const notifyRemoval = (entry: ReaderEntry): void => {
    for (const waiter of [...entry.removalWaiters]) waiter();
  };

  const roster = new ReaderRoster<ReaderEntry>({
    filter,
    emit,
    log,
    release: (entry, reason) => {
      entry.connection?.lose(new CardError('card.reader-gone', goneMessages[reason]));
      entry.connection = undefined;
      notifyRemoval(entry);
    },
  });

  const current = (entry: ReaderEntry): boolean =>
    !closed && context === entry.context && roster.isListed(entry);

  // ---- card edges (decided by the entry's CardDetector) -----------------------------------------

  /** Resolves true once the card is (or already was) reported gone, false after `ms` without that. */
  const removalSeen = (entry: ReaderEntry, ms: number): Promise<boolean> => {
    if (!current(entry) || !entry.detector.present) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (seen: boolean): void => {
        timers.clearTimeout(timer);
        entry.removalWaiters.delete(onRemoval);
        resolve(seen);
      };
      const onRemoval = (): void => done(true);
      const timer = timers.setTimeout(() => done(false), ms);
      entry.removalWaiters.add(onRemoval);
    });
  };

  const cardRemoved = (entry: ReaderEntry, wasPresent: boolean): void => {
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

  /** A probe connect makes pcscd power a MUTE card up again; when that works, a status event follows. */
  const probeMute = (entry: ReaderEntry, tries: number): void => {
    if (!current(entry)) return;
    log(`${entry.name} card mute, probing (try ${tries})`);
    void enqueue(entry, async (reader) => {
      await resetConnectedFlag(reader);
      await nativeConnect(reader, SCARD_SHARE_SHARED);
      await resetConnectedFlag(reader);
    }).catch((error: unknown) => {
      log(`${entry.name} probe failed: ${error instanceof Error ? error.message : String(error)}`);
      if (current(entry) && isUnsettledCardError(error)) entry.detector.probeFailed();
    });
  };

  // ---- readers ---------------------------------------------------------------------------------

  const onReader = (ctx: Context, reader: PcscReaderLike): void => {
    // Every emitter gets an error listener: an unhandled 'error' would crash the process (§10 pitfall 10).
    const name = reader.name;
    if (closed || context !== ctx || !roster.wants(name)) {
      reader.on('error', () => undefined);
      return;
    }
    const entry: ReaderEntry = {
      name,
      reader,
      context: ctx,
      detector: new CardDetector({
        timers,
        unsettledRetryMs,
        hasConnection: () => entry.connection !== undefined,
        inserted: (atr) => {
          log(`${name} card inserted, ATR ${Buffer.from(atr).toString('hex').toUpperCase()}`);
          emit({ type: 'card-inserted', reader: name, atr: atr.slice() });
        },
        removed: (wasPresent) => cardRemoved(entry, wasPresent),
        probe: (tries) => probeMute(entry, tries),
      }),
      tail: Promise.resolve(),
      connection: undefined,
      removalWaiters: new Set(),
    };
    reader.on('status', (status) => {
      if (current(entry)) entry.detector.onStatus(status.state, status.atr);
    });
    reader.on('error', (error) => {
      if (!current(entry)) return;
      log(`${name} error: ${error.message}`);
      if (isServiceError(error)) serviceLost(ctx, error.message);
    });
    reader.on('end', () => {
      if (current(entry)) roster.drop(entry, 'unplugged', true);
    });
    roster.add(entry);
  };

  // ---- the pcscd context -----------------------------------------------------------------------

  const closeContext = (ctx: Context): void => {
    // Readers first, then the context (§10 pitfall 10). Both calls only cancel and join their threads.
    for (const entry of roster.entries()) {
      if (entry.context === ctx) roster.drop(entry, 'service-stopped', false);
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
    if (closed) return;
    const wait = recovery.scheduleRetry();
    if (wait !== undefined) log(`pcscd unavailable, next attempt in ${wait} ms`);
  };

  function serviceLost(ctx: Context, reason: string): void {
    if (closed || context !== ctx) return;
    context = undefined;
    const announced = roster.entries().filter((entry) => entry.context === ctx);
    if (recovery.markDown()) {
      log(`pcscd lost: ${reason}`);
      emit({ type: 'service-down', reason });
    }
    for (const entry of announced) roster.drop(entry, 'service-stopped', true);
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
      if (recovery.markDown()) {
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
    const wasDown = recovery.markUp();
    log(`pcsc context ${ctx.id} established`);
    if (wasDown) emit({ type: 'service-up' });
  }

  establish();

  // ---- the port --------------------------------------------------------------------------------

  async function connect(readerName: string, mode: ShareMode, signal?: AbortSignal): Promise<CardConnection> {
    if (signal?.aborted) throw abortReason(signal);
    if (closed) throw new CardError('card.reader-gone', 'カードリーダーは閉じられています');
    if (mode !== 'shared' && mode !== 'exclusive') {
      throw new CardError('card.protocol-error', `共有モードが不正です: ${String(mode)}`);
    }
    const entry = roster.get(readerName);
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
        protocol = await withTimeout(op, timeoutMs, signal);
      } catch (error) {
        if (signal?.aborted || error instanceof TimeoutError) {
          // If the connect completes later, unpower it right after (same queue).
          void enqueue(entry, (reader) => resetConnectedFlag(reader));
          if (signal?.aborted) throw abortReason(signal);
          throw new CardError('card.timeout', 'カードリーダーが応答しません');
        }
        const rawPresent = entry.detector.rawPresent;
        if (current(entry) && rawPresent && isUnsettledCardError(error) && attempt < UNSETTLED_TRIES) {
          log(
            `${readerName} connect: card not settled (${pcscErrorCode(error)?.toString(16) ?? '?'}), retrying`,
          );
          await new Promise<void>((resolve) => timers.setTimeout(resolve, unsettledRetryMs));
          if (signal?.aborted) throw abortReason(signal);
          continue;
        }
        throw toCardError(error, 'connect');
      }
      if (!current(entry) || signal?.aborted) {
        void enqueue(entry, (reader) => resetConnectedFlag(reader));
        if (signal?.aborted) throw abortReason(signal);
        throw new CardError('card.reader-gone', 'カードリーダーが取り外されました');
      }
      const connection = new PcscConnection(
        entry,
        protocol,
        entry.detector.atr.slice(),
        timeoutMs,
        log,
        (ms) => removalSeen(entry, ms),
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
    const open = roster.entries().flatMap((entry) => (entry.connection ? [entry.connection] : []));
    await Promise.all(open.map((connection) => connection.disconnect()));
    closed = true;
    listeners.clear();
    recovery.stop();
    const ctx = context;
    context = undefined;
    if (ctx) closeContext(ctx);
    roster.clear();
    log('closed');
  }

  return {
    readers: () => roster.names(),
    cardPresent: (reader) => roster.get(reader)?.detector.present ?? false,
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
