// A TCP proxy for fault tests: forwards to a target, and can cut every connection, stall them, or refuse new ones.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection at once (a cable pulled mid-query). */
  cut(): void;
  /** Stops moving bytes both ways on open and new connections, sockets left open (a black-holed link). */
  stall(): void;
  /** Moves bytes again after `stall()`. */
  resume(): void;
  /** While down, new connections are accepted and closed at once, and open ones are cut. */
  setDown(down: boolean): void;
  /** Bytes forwarded client → target so far (to time a fault to the middle of an upload). */
  readonly bytesUp: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let stalled = false;
  let down = false;
  let bytesUp = 0;

  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    if (stalled) {
      client.pause();
      upstream.pause();
    }
    client.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const cut = (): void => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    get bytesUp() {
      return bytesUp;
    },
    cut,
    stall() {
      stalled = true;
      for (const { client, upstream } of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    resume() {
      stalled = false;
      for (const { client, upstream } of pairs) {
        client.resume();
        upstream.resume();
      }
    },
    setDown(value) {
      down = value;
      if (value) cut();
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
