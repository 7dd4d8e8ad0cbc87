// Browser host: serves the renderer and one token-guarded WebSocket on 127.0.0.1, as an IpcHost adapter.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { maxMessageBytes, type EventChannel, type EventPayload, type TerminalMode } from '../common/contract';
import { fail } from '../common/result';
import {
  ClientFrame,
  clientParam,
  closeCodes,
  tokenParam,
  wireClients,
  wsPath,
  type ServerFrame,
  type WireClient,
} from '../common/wire';
import { parseRequestUrl } from '../core/host-policy';
import { checkEvent, type Dispatcher } from '../core/ipc/dispatcher';
import { EventGate, type IpcHost } from '../core/ipc/ipc-host';
import { staffHomeRedirect } from './staff-home';
import { securityHeaders, serveStatic } from './static-files';
import { TokenBucket } from './token-bucket';

export interface WebHostOptions {
  /** Folder holding the built renderer (index.html + assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Per-launch secret; random when not given. */
  token?: string;
  /**
   * Invoke frames one kind of client (the kiosk page, the staff console, the simulator panel, anything else)
   * may send, over all its connections together: a burst, then a steady rate.
   */
  rateLimit?: { capacity: number; refillPerSecond: number };
  /** Renderer connections open at once; more are refused. The last slot is kept for the terminal's own page. */
  maxConnections?: number;
  /** Milliseconds clock for the rate limit; injected by tests. */
  now?: () => number;
  /** The terminal's mode (config `mode`): on a staff terminal `/` redirects to the staff console. */
  mode?: TerminalMode;
}

/**
 * A person tapping a touch screen sends a few calls a second; these bounds are far above that and far below
 * what a page stuck in a loop would send.
 */
export const defaultRateLimit = { capacity: 40, refillPerSecond: 20 } as const;
export const defaultMaxConnections = 16;
/** Request headers above this size are refused by Node's parser (431). */
export const maxHeaderBytes = 8 * 1024;

export interface WebHost extends IpcHost {
  /** Start listening on 127.0.0.1; resolves with the page URL including the token. */
  listen(): Promise<string>;
  readonly origin: string;
  readonly token: string;
  /** Number of renderer connections currently open. */
  connectionCount(): number;
}

const loopback = '127.0.0.1';

/** Who a connection is for the rate limit and the connection slots: a page kind, or `other` for anything else. */
type ClientKind = WireClient | 'other';
const clientKindOf = (value: string | null): ClientKind =>
  wireClients.find((client) => client === value) ?? 'other';

export function createWebHost(options: WebHostOptions): WebHost {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let dispatcher: Dispatcher | undefined;
  let origin = '';
  const connections = new Map<WebSocket, EventGate>();
  const rateLimit = options.rateLimit ?? defaultRateLimit;
  const maxConnections = options.maxConnections ?? defaultMaxConnections;
  const now = options.now ?? Date.now;
  // One bucket per kind of client, kept for the life of the host: a client that reconnects gets the bucket
  // it left, not a full one. The kinds are a closed list, so the map cannot grow.
  const buckets = new Map<ClientKind, TokenBucket>();
  const bucketOf = (kind: ClientKind): TokenBucket => {
    let bucket = buckets.get(kind);
    if (!bucket) {
      bucket = new TokenBucket({ ...rateLimit, now });
      buckets.set(kind, bucket);
    }
    return bucket;
  };
  // The terminal's own page: the patient page of a kiosk, the staff console of a staff terminal (`/` leads
  // there). Connections of any other client may fill all slots but one: a flood cannot lock that page out.
  const ownPage: ClientKind = options.mode === 'staff' ? 'staff' : 'kiosk';
  let otherConnections = 0;

  const allowedHosts = (): string[] => {
    const port = (server.address() as AddressInfo | null)?.port;
    return [`${loopback}:${port}`, `localhost:${port}`];
  };
  const allowedOrigins = (): string[] => allowedHosts().map((host) => `http://${host}`);
  // A foreign name that resolves to 127.0.0.1 (DNS rebinding) arrives with its own Host header.
  const hostAllowed = (req: IncomingMessage): boolean => allowedHosts().includes(req.headers.host ?? '');

  /** An unexpected failure while answering one request ends that request only, never the host. */
  const abandon = (res: ServerResponse): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { ...securityHeaders(origin), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal error');
  };

  const server: Server = createServer({ maxHeaderSize: maxHeaderBytes }, (req, res) => {
    try {
      if (!hostAllowed(req)) {
        res.writeHead(421, { ...securityHeaders(origin), 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Misdirected request');
        return;
      }
      const url = parseRequestUrl(req.url ?? '/', origin);
      const home =
        url && (req.method === 'GET' || req.method === 'HEAD')
          ? staffHomeRedirect(options.mode, url)
          : undefined;
      if (home) {
        res.writeHead(302, { ...securityHeaders(origin), Location: home });
        res.end();
        return;
      }
      serveStatic(options.staticDir, origin, req, res).catch(() => abandon(res));
    } catch {
      abandon(res);
    }
  });
  // Node emits accept failures (too many open files under a flood of connections) on the server; without a
  // listener that would end the host. The next connection is accepted as usual.
  server.on('error', () => undefined);
  // Every message is bounded, including one split into many fragments (ws counts their total).
  // No compression: a small compressed frame must not inflate into a large one.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });

  const tokenMatches = (candidate: string | null): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const refuse = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgrading socket over without its own error listener: a client that resets the connection
    // while it is refused or handed to ws would otherwise raise ECONNRESET as an uncaught exception.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch {
      socket.destroy();
    }
  });

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A target `new URL()` cannot parse must not throw inside the event handler: that would end the host.
    const url = parseRequestUrl(req.url ?? '/', origin);
    if (!url) return refuse(socket, 400, 'Bad Request');
    if (url.pathname !== wsPath) return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req)) return refuse(socket, 421, 'Misdirected Request');
    // A page from any other origin (another local site, a LAN host) must not drive the kiosk.
    if (!allowedOrigins().includes(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    if (!tokenMatches(url.searchParams.get(tokenParam))) return refuse(socket, 403, 'Forbidden');
    const kind = clientKindOf(url.searchParams.get(clientParam));
    if (connections.size >= maxConnections) return refuse(socket, 503, 'Service Unavailable');
    if (kind !== ownPage && otherConnections >= maxConnections - 1) {
      return refuse(socket, 503, 'Service Unavailable');
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, kind));
  };

  const send = (ws: WebSocket, frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const accept = (ws: WebSocket, kind: ClientKind): void => {
    const gate = new EventGate((event, payload) => send(ws, { t: 'event', event, payload }));
    const bucket = bucketOf(kind);
    connections.set(ws, gate);
    if (kind !== ownPage) otherConnections += 1;
    ws.on('close', () => {
      if (connections.delete(ws) && kind !== ownPage) otherConnections -= 1;
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      // A page flooding the core is cut off before its frame is even parsed; its bridge reconnects.
      if (!bucket.take()) {
        ws.close(closeCodes.policy, 'rate limit exceeded');
        return;
      }
      void (async () => {
        let frame: ClientFrame;
        try {
          if (isBinary) throw new Error('binary');
          frame = ClientFrame.parse(JSON.parse(data.toString()));
        } catch {
          ws.close(closeCodes.policy, 'malformed frame');
          return;
        }
        const result = dispatcher
          ? await dispatcher.dispatch(frame.channel, frame.request)
          : fail('ipc.not-ready', 'The kiosk core is not serving yet');
        send(ws, { t: 'result', id: frame.id, result });
        if (frame.channel === 'renderer.ready' && result.ok) gate.open();
      })().catch(() => {
        // The dispatcher never throws; should a send fail all the same, only this connection is ended.
        ws.terminate();
      });
    });
  };

  return {
    token,
    get origin() {
      return origin;
    },
    serve(d) {
      dispatcher = d;
    },
    emit<E extends EventChannel>(event: E, payload: EventPayload<E>) {
      const checked = checkEvent(event, payload);
      for (const gate of connections.values()) gate.emit(event, checked);
    },
    connectionCount: () => connections.size,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, loopback, () => {
          const { port } = server.address() as AddressInfo;
          origin = `http://${loopback}:${port}`;
          resolve(`${origin}/?${tokenParam}=${encodeURIComponent(token)}`);
        });
      });
    },
    async close() {
      dispatcher = undefined;
      for (const ws of connections.keys()) ws.terminate();
      connections.clear();
      otherConnections = 0;
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
