// vpcd transport: presents a virtual card to a real pcscd through vsmartcard's vpcd driver (my-number-card.md §8).
import { connect, type Socket } from 'node:net';
import type { VirtualCard } from './virtual-card';

/** §8.2: vpcd slot 0 listens on 0x8C7B; slot n on 0x8C7B + n. */
export const vpcdDefaultPort = 0x8c7b;

/** §8.1: one-byte control messages from vpcd. */
const control = { powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 } as const;

export interface VpcdOptions {
  card: VirtualCard;
  /** Default 35963 (slot 0); 35964 is slot 1. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How long to keep retrying until the port accepts. Default 10 s. */
  connectTimeoutMs?: number;
  /** Connect again (with the same bounded retry) when pcscd closes the connection. Default false. */
  reconnect?: boolean;
  /** Progress messages (connected, disconnected, reconnecting). */
  onStatus?: (message: string) => void;
}

export interface VpcdPresentation {
  /** Takes the card out: closes the socket, which vpcd reports as removal (§8.1). */
  remove(): Promise<void>;
  /** Settles when the presentation ends (removed, removeAfterApdus reached, or pcscd gone without reconnect). */
  readonly done: Promise<void>;
}

export class VpcdError extends Error {
  override readonly name = 'VpcdError';
  constructor(
    readonly code: 'vpcd.unreachable' | 'vpcd.bad-options',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

function tryConnect(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const onError = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

async function connectWithRetry(
  host: string,
  port: number,
  timeoutMs: number,
  isStopped: () => boolean,
): Promise<Socket | undefined> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (isStopped()) return undefined;
    try {
      const socket = await tryConnect(host, port);
      if (!isStopped()) return socket;
      socket.destroy();
      return undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= until) {
      throw new VpcdError(
        'vpcd.unreachable',
        `vpcd did not accept a connection on ${host}:${port} within ${timeoutMs} ms (is pcscd running with vsmartcard-vpcd?)`,
        { cause: lastError },
      );
    }
    await sleep(200);
  }
}

/**
 * Serves one connection: reads length-prefixed messages (TCP may split or merge them, §8.1) and answers them
 * one at a time. Resolves when the socket closes.
 */
function serve(socket: Socket, card: VirtualCard): Promise<void> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let chain = Promise.resolve();

    const handle = async (payload: Buffer): Promise<void> => {
      if (payload.length === 1) {
        switch (payload[0]) {
          case control.powerOff:
            card.powerOff();
            return;
          case control.powerOn:
            card.powerOn();
            return;
          case control.reset:
            card.reset();
            return;
          case control.getAtr:
            socket.write(frame(card.atr));
            return;
          default:
            return; // unknown control codes get no reply, as in vpcd's own card
        }
      }
      if (card.latencyMs > 0) await sleep(card.latencyMs);
      if (socket.destroyed) return;
      if (!card.powered) card.powerOn();
      socket.write(frame(card.process(payload)));
      // removeAfterApdus: the card leaves once it has answered (§8.1: a closed socket = removal).
      if (card.removed) socket.end();
    };

    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const payload = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        chain = chain
          .then(() => handle(payload))
          .catch(() => {
            socket.destroy();
          });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      card.powerOff();
      resolve();
    });
  });
}

export async function presentOverVpcd(options: VpcdOptions): Promise<VpcdPresentation> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? vpcdDefaultPort;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new VpcdError('vpcd.bad-options', `not a TCP port: ${String(port)}`);
  }
  const status = options.onStatus ?? (() => undefined);
  let stopped = false;
  let socket = await connectWithRetry(host, port, connectTimeoutMs, () => stopped);
  if (!socket) throw new VpcdError('vpcd.unreachable', 'stopped before connecting');
  status(`connected to vpcd at ${host}:${port}`);

  const done = (async () => {
    while (socket) {
      await serve(socket, options.card);
      socket = undefined;
      if (stopped || options.card.removed) break;
      status('vpcd closed the connection (pcscd stopped?)');
      if (!options.reconnect) break;
      status('reconnecting to vpcd');
      try {
        socket = await connectWithRetry(host, port, connectTimeoutMs, () => stopped);
        if (socket) status(`connected to vpcd at ${host}:${port}`);
      } catch (error) {
        status(error instanceof Error ? error.message : String(error));
      }
    }
  })();

  return {
    done,
    async remove() {
      stopped = true;
      socket?.end();
      // A peer that never answers the FIN must not hold us: destroy after a short grace.
      const timer = setTimeout(() => socket?.destroy(), 1000);
      await done;
      clearTimeout(timer);
    },
  };
}
