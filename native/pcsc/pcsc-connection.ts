// One card connection through pcsclite's reader object: the serial native queue, timeouts, transmit, unpower.
import { CardError } from '../card/card-error';
import { responseLength, traceCommand, traceResponse } from './apdu-trace';
import { pcscErrorCode, toCardError } from './pcsc-errors';
import {
  SCARD_CODE,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_UNPOWER_CARD,
  type PcscReaderLike,
} from './pcsc-like';
import type { CardConnection, TransmitOptions } from '../reader/reader-port';

/**
 * How long a failed exchange (E_NOT_TRANSACTED) waits for the reader to report EMPTY before it is called a
 * removal: longer than pcscd's 400 ms presence poll (§8.1). vpcd and contactless readers fail a transmit
 * this way when the card leaves during it (observed with vpcd).
 */
const REMOVAL_CONFIRM_MS = 1_000;
const MAX_APDU_LENGTH = 4 + 3 + 65535 + 2;

/** The native side of one reader that its connections work through. */
export interface ReaderSlot {
  readonly name: string;
  readonly reader: PcscReaderLike;
  /** Tail of the native operation chain: connect, transmit and disconnect never overlap (§10 pitfall 7). */
  tail: Promise<void>;
  /** The reader's one card handle, when open. */
  connection: PcscConnection | undefined;
}

export class TimeoutError extends Error {}

/**
 * Settles with `promise`, or rejects with TimeoutError after `ms`, or with the signal's reason once
 * `signal` aborts (the caller then stops waiting; the native call itself runs on in the queue).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TimeoutError(`timeout after ${ms} ms`));
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** What an aborted wait rejects with: the signal's own reason (the caller's), as `throwIfAborted` does. */
export function abortReason(signal: AbortSignal | undefined): unknown {
  try {
    signal?.throwIfAborted();
  } catch (reason) {
    return reason;
  }
  return new DOMException('This operation was aborted', 'AbortError');
}

export function nativeConnect(reader: PcscReaderLike, shareMode: number): Promise<number | undefined> {
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

/**
 * One SCardTransmit. pcsclite wants a Buffer; the copy is a view on an ArrayBuffer of its own, so its bytes
 * are neither in Node's shared pool (Buffer.from of an array, Buffer.allocUnsafe) nor in the JavaScript heap
 * (a Buffer.alloc of up to 64 bytes is, and the garbage collector moves it, leaving the old copy unwiped).
 * It is zero-filled as soon as the native call answers, on success and on error, so a PIN in a VERIFY does
 * not outlive the exchange.
 * Beyond reach of this code: pcsclite's add-on copies the bytes into a C++ buffer it frees without zeroing
 * (node-pcsclite src/cardreader.cpp), and pcscd receives them over its socket.
 */
export function nativeTransmit(reader: PcscReaderLike, apdu: Uint8Array, protocol: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const wire = Buffer.from(new ArrayBuffer(apdu.length));
    wire.set(apdu);
    try {
      reader.transmit(wire, responseLength(apdu), protocol, (err, data) => {
        wire.fill(0);
        if (err) reject(err);
        else if (data) resolve(data);
        else reject(new Error('SCardTransmit returned no data'));
      });
    } catch (error) {
      // A synchronous throw (a closed context) never calls back.
      wire.fill(0);
      reject(error);
    }
  });
}

/**
 * Disconnects with UNPOWER when the JS `connected` flag is set. After a removal the flag stays true and a
 * connect() would then do nothing (§9.1, §10 pitfall 4); if the disconnect itself fails the flag is cleared.
 */
export async function resetConnectedFlag(reader: PcscReaderLike): Promise<void> {
  if (!reader.connected) return;
  try {
    await nativeDisconnect(reader);
  } catch {
    reader.connected = false;
  }
}

/** Runs `op` after every earlier native operation of this reader has called back. */
export function enqueue<T>(entry: ReaderSlot, op: (reader: PcscReaderLike) => Promise<T>): Promise<T> {
  const run = entry.tail.then(() => op(entry.reader));
  entry.tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

export class PcscConnection implements CardConnection {
  private lost: CardError | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly entry: ReaderSlot,
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
