// The vpcd client against an in-test TCP server speaking vpcd's side of the protocol (my-number-card.md §8.1).
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualCard } from '../../../../native/sim/virtual-card';
import { presentOverVpcd, VpcdError, type VpcdPresentation } from '../../../../native/sim/vpcd-client';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const frame = (payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([payload.length >> 8, payload.length & 0xff]), payload]);

/** One accepted connection, seen from vpcd's side. */
class VpcdSide {
  private buffered = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  ended = false;
  readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.ended = true;
        this.wake();
        resolve();
      }),
    );
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Sends a control code that expects no reply (power off/on, reset). */
  control(code: number): void {
    this.socket.write(frame(Buffer.from([code])));
  }

  /** Sends a message and reads one framed reply. */
  async request(payload: Buffer, writeBytewise = false): Promise<Buffer> {
    const bytes = frame(payload);
    if (writeBytewise) for (const byte of bytes) this.socket.write(Buffer.from([byte]));
    else this.socket.write(bytes);
    for (;;) {
      if (this.buffered.length >= 2) {
        const length = this.buffered.readUInt16BE(0);
        if (this.buffered.length >= 2 + length) {
          const reply = this.buffered.subarray(2, 2 + length);
          this.buffered = this.buffered.subarray(2 + length);
          return reply;
        }
      }
      if (this.ended) throw new Error('connection closed before the reply');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

class FakeVpcd {
  private pending: VpcdSide[] = [];
  private waiters: ((side: VpcdSide) => void)[] = [];
  readonly sides: VpcdSide[] = [];
  constructor(readonly server: Server) {
    server.on('connection', (socket) => {
      const side = new VpcdSide(socket);
      this.sides.push(side);
      const waiter = this.waiters.shift();
      if (waiter) waiter(side);
      else this.pending.push(side);
    });
  }
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  next(): Promise<VpcdSide> {
    const side = this.pending.shift();
    return side ? Promise.resolve(side) : new Promise((resolve) => this.waiters.push(resolve));
  }
  async close(): Promise<void> {
    for (const side of this.sides) side.socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function startVpcd(port = 0): Promise<FakeVpcd> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return new FakeVpcd(server);
}

async function freePort(): Promise<number> {
  const vpcd = await startVpcd();
  const port = vpcd.port;
  await vpcd.close();
  return port;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(profile: Parameters<typeof createVirtualCard>[0] = {}, reconnect = false) {
  const vpcd = await startVpcd();
  cleanups.push(() => vpcd.close());
  const card = createVirtualCard(profile);
  const presentation: VpcdPresentation = await presentOverVpcd({
    card,
    port: vpcd.port,
    reconnect,
    connectTimeoutMs: 2000,
  });
  cleanups.push(() => presentation.remove());
  const side = await vpcd.next();
  return { vpcd, card, presentation, side };
}

describe('presentOverVpcd', () => {
  it('answers power, ATR and APDU messages, even when TCP splits them byte by byte', async () => {
    const { side, card } = await setup();
    side.control(0x01);
    expect((await side.request(Buffer.from([0x04]))).toString('hex')).toBe('3b888001000005e0b381a1007f');
    expect(card.powered).toBe(true);
    expect((await side.request(hex('00A4040C0AD392F000260100000001'), true)).toString('hex')).toBe('9000');
    const label = await side.request(hex('00B0860020'));
    expect(label.subarray(0, 15).toString('ascii')).toBe('JPKIAPICCTOKEN2');
    const whole = await side.request(hex('00B08A00000000'));
    expect(whole.subarray(0, -2)).toEqual(Buffer.from(card.authCertificate));
  });

  it('clears the verified PIN on power off and on reset (§8.1)', async () => {
    const { side } = await setup();
    side.control(0x01);
    const verify = async (): Promise<string> => {
      await side.request(hex('00A4040C0AD392F000260100000001'));
      await side.request(hex('00A4020C020018'));
      return (await side.request(hex('00200080'))).toString('hex');
    };
    expect((await side.request(hex('00A4040C0AD392F000260100000001'))).toString('hex')).toBe('9000');
    await side.request(hex('00A4020C020018'));
    expect((await side.request(hex('002000800431323334'))).toString('hex')).toBe('9000');
    expect(await verify()).toBe('9000');
    side.control(0x00);
    side.control(0x01);
    expect(await verify()).toBe('63c3');
    await side.request(hex('002000800431323334'));
    side.control(0x02);
    expect(await verify()).toBe('63c3');
  });

  it('remove() closes the socket, which vpcd reads as removal, and done settles', async () => {
    const { side, presentation, card } = await setup();
    side.control(0x01);
    await side.request(Buffer.from([0x04]));
    await presentation.remove();
    await presentation.done;
    await side.closed;
    expect(card.powered).toBe(false);
  });

  it('leaves after removeAfterApdus answers', async () => {
    const { side, presentation } = await setup({ removeAfterApdus: 1 });
    side.control(0x01);
    expect((await side.request(hex('00A4040C0AD392F000260100000001'))).toString('hex')).toBe('9000');
    await side.closed;
    await presentation.done;
  });

  it('keeps retrying until the port accepts', async () => {
    const port = await freePort();
    const presenting = presentOverVpcd({ card: createVirtualCard(), port, connectTimeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const vpcd = await startVpcd(port);
    cleanups.push(() => vpcd.close());
    const presentation = await presenting;
    cleanups.push(() => presentation.remove());
    const side = await vpcd.next();
    expect((await side.request(Buffer.from([0x04]))).length).toBe(13);
  });

  it('gives up with vpcd.unreachable after the bounded time, and refuses a bad port', async () => {
    const port = await freePort();
    const error = await presentOverVpcd({ card: createVirtualCard(), port, connectTimeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VpcdError);
    expect((error as VpcdError).code).toBe('vpcd.unreachable');
    const bad = await presentOverVpcd({ card: createVirtualCard(), port: 70000 }).catch((e: unknown) => e);
    expect((bad as VpcdError).code).toBe('vpcd.bad-options');
  });

  it('ends when vpcd closes the connection, unless asked to reconnect', async () => {
    const plain = await setup();
    plain.side.socket.destroy();
    await plain.presentation.done;

    const again = await setup({}, true);
    again.side.socket.destroy();
    const second = await again.vpcd.next();
    expect((await second.request(Buffer.from([0x04]))).length).toBe(13);
    await again.presentation.remove();
    await again.presentation.done;
  });
});
