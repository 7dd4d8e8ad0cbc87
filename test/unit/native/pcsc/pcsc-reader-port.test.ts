// Unit tests of the pcsclite ReaderPort adapter against a fake pcscd/pcsclite (my-number-card.md §9.1, §10).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardError } from '../../../../native/card/card-error';
import { createPcscReaderPort, type PcscReaderPortOptions } from '../../../../native/pcsc/pcsc-reader-port';
import { systemTimers, type Timers } from '../../../../native/pcsc/reader-detection';
import type { ReaderEvent, ReaderPort } from '../../../../native/reader/reader-port';
import { FakePcscd, pcscError, simpleCard, type FakeReader } from './fake-pcsc';

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

const ports: ReaderPort[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(ports.splice(0).map((p) => p.close()));
});

function setup(daemon: FakePcscd, options: Omit<PcscReaderPortOptions, 'pcsc'> = {}) {
  const events: ReaderEvent[] = [];
  const lines: string[] = [];
  const port = createPcscReaderPort({
    pcsc: daemon.factory,
    log: (line) => lines.push(line),
    recovery: { initialMs: 5, maxMs: 20 },
    unsettledRetryMs: 5,
    ...options,
  });
  ports.push(port);
  port.subscribe((e) => events.push(e));
  return { port, events, lines };
}

/** Waits (on the event loop, never on wall-clock sleeps) until the condition holds. */
async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 5000; i += 1) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const types = (events: ReaderEvent[]): string[] =>
  events.map((e) => ('reader' in e ? `${e.type}:${e.reader}` : e.type));

function liveReader(daemon: FakePcscd, name: string): FakeReader {
  const reader = daemon.live().at(-1)?.readers[name];
  if (!reader) throw new Error(`no live reader ${name}`);
  return reader;
}

async function expectCardError(promise: Promise<unknown>, code: string): Promise<CardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardError);
  expect((error as CardError).code).toBe(code);
  return error as CardError;
}

describe('readers', () => {
  it('reports readers appearing and going, several at once, through the name filter', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.addReader('ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00');
    const { port, events } = setup(daemon, { nameFilter: 'virtual pcd' });
    await until(() => events.length >= 1, 'first reader');
    daemon.addReader(R1);
    await until(() => port.readers().length === 2, 'second reader');
    expect(port.readers().sort()).toEqual([R0, R1]);
    daemon.removeReader(R0);
    await until(() => port.readers().length === 1, 'removal');
    expect(port.readers()).toEqual([R1]);
    expect(types(events)).toEqual([`reader-added:${R0}`, `reader-added:${R1}`, `reader-removed:${R0}`]);
  });

  it('refuses to connect to a reader it does not know', async () => {
    const daemon = new FakePcscd();
    const { port } = setup(daemon);
    await expectCardError(port.connect('No Such Reader', 'shared'), 'card.reader-gone');
  });
});

describe('card edges', () => {
  it('emits one card-inserted and one card-removed per card, ignoring INUSE/EXCLUSIVE from its own connects', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    const { port, events } = setup(daemon);
    await until(() => port.readers().length === 1);
    const card = simpleCard();
    daemon.insert(R0, card);
    await until(() => port.cardPresent(R0), 'card present');
    const inserted = events.find((e) => e.type === 'card-inserted');
    expect(inserted).toEqual({ type: 'card-inserted', reader: R0, atr: card.atr });

    const reader = liveReader(daemon, R0);
    const seen: number[] = [];
    reader.on('status', (s: { state: number }) => seen.push(s.state & 0xffff));
    const shared = await port.connect(R0, 'shared');
    await shared.disconnect();
    const exclusive = await port.connect(R0, 'exclusive');
    await exclusive.disconnect();
    await until(() => seen.filter((s) => s === 0x22).length >= 2, 'status back to idle');
    // Our own connects toggled INUSE and EXCLUSIVE, with the counter unchanged ...
    expect(seen).toContain(0x122);
    expect(seen).toContain(0x1a2);
    // ... and none of it became an event.
    expect(types(events)).toEqual([`reader-added:${R0}`, `card-inserted:${R0}`]);

    daemon.remove(R0);
    await until(() => !port.cardPresent(R0));
    daemon.insert(R0, simpleCard());
    await until(() => port.cardPresent(R0));
    expect(types(events).slice(1)).toEqual([
      `card-inserted:${R0}`,
      `card-removed:${R0}`,
      `card-inserted:${R0}`,
    ]);
  });

  it('masks the event counter: a present card at counter 3 is a card like any other', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    const slot = daemon.mustSlot(R0);
    slot.counter = 2;
    daemon.insert(R0, simpleCard()); // counter 3: state 0x30022 (§9.1)
    const { port, events } = setup(daemon);
    await until(() => port.cardPresent(R0));
    expect(daemon.stateOf(R0)).toBe(0x30022);
    expect(types(events)).toEqual([`reader-added:${R0}`, `card-inserted:${R0}`]);
  });

  it('reports a quick remove + insert that arrives as one status event as both edges', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port, events } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const slot = daemon.mustSlot(R0);
    slot.counter += 2; // removed and inserted again between two polls
    slot.card = simpleCard();
    daemon.broadcast(R0);
    await until(() => events.length >= 4);
    expect(types(events)).toEqual([
      `reader-added:${R0}`,
      `card-inserted:${R0}`,
      `card-removed:${R0}`,
      `card-inserted:${R0}`,
    ]);
  });

  it('debounces a MUTE card: no event while mute, a retry after a short delay, then card-inserted', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    const { port, events, lines } = setup(daemon, { unsettledRetryMs: 5 });
    await until(() => port.readers().length === 1);
    daemon.insert(R0, simpleCard(), { mute: true });
    // Quick tries first, then slower ones for as long as the card stays mute.
    await until(() => lines.filter((l) => l.includes('probe failed')).length >= 6, 'six failed probes');
    expect(port.cardPresent(R0)).toBe(false);
    expect(types(events)).toEqual([`reader-added:${R0}`]);
    daemon.unmute(R0); // pushed fully into the field: the next power-up works
    await until(() => port.cardPresent(R0), 'card after the retry');
    expect(types(events)).toEqual([`reader-added:${R0}`, `card-inserted:${R0}`]);
  });
});

describe('connections', () => {
  it('connects SHARED or EXCLUSIVE with T=0|T=1 and always disconnects with UNPOWER', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const shared = await port.connect(R0, 'shared');
    expect(shared.reader).toBe(R0);
    expect(shared.atr).toEqual(simpleCard().atr);
    await shared.disconnect();
    await shared.disconnect(); // idempotent
    const exclusive = await port.connect(R0, 'exclusive');
    await exclusive.disconnect();
    expect(daemon.connects).toEqual([
      { reader: R0, shareMode: 2, protocol: 3 },
      { reader: R0, shareMode: 1, protocol: 3 },
    ]);
    expect(daemon.disconnects).toEqual([
      { reader: R0, disposition: 2 },
      { reader: R0, disposition: 2 },
    ]);
    await expectCardError(shared.transmit(hex('00A4040C')), 'card.removed');
  });

  it('an aborted connect stops waiting with the signal’s reason and unpowers the card it got', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const reason = new Error('the attempt is over');
    const before = new AbortController();
    before.abort(reason);
    await expect(port.connect(R0, 'shared', before.signal)).rejects.toBe(reason);
    expect(daemon.connects).toEqual([]);
    // Aborted while SCardConnect is under way: the caller is released at once, and the handle the
    // native call still returns is unpowered right after it, in the reader's queue.
    const during = new AbortController();
    const connecting = port.connect(R0, 'exclusive', during.signal);
    during.abort(reason);
    await expect(connecting).rejects.toBe(reason);
    await until(() => daemon.disconnects.length === 1, 'the unpower of the aborted connect');
    expect(daemon.connects).toEqual([{ reader: R0, shareMode: 1, protocol: 3 }]);
    expect(daemon.disconnects).toEqual([{ reader: R0, disposition: 2 }]);
    expect(liveReader(daemon, R0).connected).toBe(false);
    const next = await port.connect(R0, 'shared', new AbortController().signal);
    expect(next.reader).toBe(R0);
    await next.disconnect();
  });

  it('replaces an open connection (shared → exclusive before VERIFY), unpowering the old one', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const shared = await port.connect(R0, 'shared');
    const exclusive = await port.connect(R0, 'exclusive');
    expect(daemon.disconnects).toEqual([{ reader: R0, disposition: 2 }]);
    await expectCardError(shared.transmit(hex('00200080')), 'card.removed');
    expect(await exclusive.transmit(hex('00200080'))).toEqual(hex('9000'));
    await exclusive.disconnect();
  });

  it('keeps one live connection per reader when two connects race', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const [first, second] = await Promise.all([port.connect(R0, 'shared'), port.connect(R0, 'exclusive')]);
    await expectCardError(first.transmit(hex('00A4040C')), 'card.removed');
    await first.disconnect(); // must not unpower the handle that now belongs to the second
    expect(await second.transmit(hex('00A4040C'))).toEqual(hex('9000'));
    expect(daemon.connects.map((c) => c.shareMode)).toEqual([2, 1]);
    await second.disconnect();
  });

  it('uses res_len 258 for short APDUs and 65538 for extended ones, on the negotiated protocol', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    const big = new Uint8Array(1500 + 2).fill(0x30);
    big.set([0x90, 0x00], 1500);
    daemon.insert(
      R0,
      simpleCard((apdu) => (apdu.length === 7 ? big : hex('9000'))),
    );
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'shared');
    await conn.transmit(hex('00B08A0000'));
    const whole = await conn.transmit(hex('00B08A00000000'));
    expect(whole.length).toBe(1502);
    expect(daemon.transmits.map((t) => [t.resLen, t.protocol])).toEqual([
      [258, 2],
      [65538, 2],
    ]);
    await expectCardError(conn.transmit(hex('00B0')), 'card.protocol-error');
    await conn.disconnect();
  });

  it('serialises concurrent transmits on one reader in call order', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(
      R0,
      simpleCard((apdu) => Uint8Array.from([apdu[3] ?? 0, 0x90, 0x00])),
    );
    // Without a queue the later (faster) commands would overtake the first (slow) one.
    daemon.transmitTurns = (apdu) => 30 - (apdu[3] ?? 0) * 10;
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'shared');
    const replies = await Promise.all(
      [0, 1, 2].map((i) => conn.transmit(Uint8Array.from([0, 0xb0, 0, i, 1]))),
    );
    expect(replies.map((r) => r[0])).toEqual([0, 1, 2]);
    expect(daemon.transmits.map((t) => t.apdu)).toEqual(['00b0000001', '00b0000101', '00b0000201']);
    await conn.disconnect();
  });

  it('times out a hung transmit with card.timeout and resets the connection', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    const card = simpleCard();
    daemon.insert(R0, card);
    const { port } = setup(daemon, { transmitTimeoutMs: 1000 });
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'exclusive');
    card.hang = true;
    await expectCardError(conn.transmit(hex('802A00800100'), { timeoutMs: 20 }), 'card.timeout');
    // The connection is not reused: the next transmit fails at once, without reaching the reader.
    await expectCardError(conn.transmit(hex('00A4040C')), 'card.timeout');
    expect(daemon.pending.length).toBe(1);
    card.hang = false;
    daemon.release(); // the driver returns at last; the reset (UNPOWER) queued behind it runs
    await until(() => daemon.disconnects.length === 1, 'reset');
    expect(daemon.disconnects).toEqual([{ reader: R0, disposition: 2 }]);
    const again = await port.connect(R0, 'shared');
    expect(await again.transmit(hex('00A4040C'))).toEqual(hex('9000'));
    await again.disconnect();
  });

  it('treats a response without a status word (the card did not answer) as card.removed', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(
      R0,
      simpleCard((apdu) => (apdu[1] === 0xb0 ? new Uint8Array(0) : hex('9000'))),
    );
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'shared');
    await expectCardError(conn.transmit(hex('00B08A0000')), 'card.removed');
    await expectCardError(conn.transmit(hex('00A4040C')), 'card.removed');
    await until(() => daemon.disconnects.length === 1, 'unpower after the lost card');
    expect(daemon.transmits.length).toBe(1);
  });

  it('calls a failed exchange (E_NOT_TRANSACTED) a removal only when the reader then reports EMPTY', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'shared');
    const notTransacted = () => pcscError('SCardTransmit', 'Transaction failed.', 0x80100016);
    const failures = daemon.mustSlot(R0).transmitFailures;

    // The card leaves: the next status (EMPTY) turns the failure into card.removed at once.
    failures.push(notTransacted());
    const leaving = expectCardError(conn.transmit(hex('00A4040C')), 'card.removed');
    await until(() => failures.length === 0, 'the failed exchange');
    daemon.remove(R0);
    await leaving;

    // The card stays: after the confirmation window (1 s, fake clock) it is a communication failure.
    daemon.insert(R0, simpleCard());
    await until(() => port.cardPresent(R0));
    const again = await port.connect(R0, 'shared');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    failures.push(notTransacted());
    const staying = expectCardError(again.transmit(hex('00A4040C')), 'card.protocol-error');
    while (failures.length > 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    await vi.advanceTimersByTimeAsync(1_000);
    await staying;
    vi.useRealTimers();
    expect(await again.transmit(hex('00A4040C'))).toEqual(hex('9000'));
    await again.disconnect();
  });

  it('retries a connect while the card is unresponsive (half in the field)', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    daemon.mustSlot(R0).connectFailures.push(pcscError('SCardConnect', 'Card is unresponsive.', 0x80100066));
    const conn = await port.connect(R0, 'shared');
    expect(daemon.connects.length).toBe(1);
    await conn.disconnect();
  });

  it('maps removal mid-transaction to card.removed and resets the stale connected flag (§10 pitfall 4)', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port, events } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'exclusive');
    const reader = liveReader(daemon, R0);
    // The card leaves while the next transmit is under way.
    const pending = conn.transmit(hex('00A4040C'));
    daemon.mustSlot(R0).card = undefined;
    await expectCardError(pending, 'card.removed');
    daemon.remove(R0);
    await until(() => events.some((e) => e.type === 'card-removed'));
    await until(() => !reader.connected, 'JS connected flag reset');
    expect(daemon.disconnects.at(-1)).toEqual({ reader: R0, disposition: 2 });
    await expectCardError(conn.transmit(hex('00A4040C')), 'card.removed');
    await expectCardError(port.connect(R0, 'shared'), 'card.removed');
    daemon.insert(R0, simpleCard());
    await until(() => port.cardPresent(R0));
    const next = await port.connect(R0, 'shared');
    expect(await next.transmit(hex('00A4040C'))).toEqual(hex('9000'));
    await next.disconnect();
  });

  it('clears a connected flag left set even when a connect finds it already true', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port } = setup(daemon);
    await until(() => port.cardPresent(R0));
    liveReader(daemon, R0).connected = true; // as after a removal the library did not notice
    const conn = await port.connect(R0, 'shared');
    expect(daemon.connects.length).toBe(1);
    expect(await conn.transmit(hex('00A4040C'))).toEqual(hex('9000'));
    await conn.disconnect();
  });
});

describe('trace log', () => {
  it('masks VERIFY / CHANGE-PIN data and anything marked sensitive, never printing the PIN digits', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port, lines } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'exclusive');
    await conn.transmit(hex('00A4020C020018'));
    await conn.transmit(hex('0020008004 31323334'));
    await conn.transmit(hex('0024018004 35363738'));
    await conn.transmit(hex('80AA000004 39393939'), { sensitive: true });
    await conn.transmit(hex('00200080'));
    await conn.disconnect();
    const trace = lines.join('\n');
    expect(trace).toContain(`${R0} > 00A4020C020018`);
    expect(trace).toContain(`${R0} > 00200080 [5 bytes masked]`);
    expect(trace).toContain(`${R0} > 00240180 [5 bytes masked]`);
    expect(trace).toContain(`${R0} > 80AA0000 [5 bytes masked]`);
    expect(trace).toContain(`${R0} > 00200080\n`);
    expect(trace).toMatch(/< 9000 \(0 data bytes\)/);
    for (const secret of ['31323334', '35363738', '39393939', '1234', '5678'])
      expect(trace).not.toContain(secret);
  });
});

describe('pcscd service', () => {
  it('survives pcscd missing at start: never throws, reports service-down, retries with backoff, recovers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    const daemon = new FakePcscd();
    daemon.running = false;
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port, events } = setup(daemon, { recovery: { initialMs: 100, maxMs: 400 } });
    expect(daemon.factoryCalls).toBe(1);
    expect(port.readers()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(types(events)).toEqual(['service-down']);
    // Backoff 100, 200, 400, 400 ...
    await vi.advanceTimersByTimeAsync(98); // t = 99
    expect(daemon.factoryCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(daemon.factoryCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(daemon.factoryCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(daemon.factoryCalls).toBe(3);
    await vi.advanceTimersByTimeAsync(400);
    expect(daemon.factoryCalls).toBe(4);
    await vi.advanceTimersByTimeAsync(400);
    expect(daemon.factoryCalls).toBe(5);
    expect(types(events)).toEqual(['service-down']);
    daemon.start();
    await vi.advanceTimersByTimeAsync(400);
    expect(daemon.factoryCalls).toBe(6);
    await vi.advanceTimersByTimeAsync(10);
    expect(types(events)).toEqual([
      'service-down',
      'service-up',
      `reader-added:${R0}`,
      `card-inserted:${R0}`,
    ]);
    expect(port.cardPresent(R0)).toBe(true);
    vi.useRealTimers();
  });

  it('recovers from pcscd dying mid-run: service-down, readers gone, new context, readers and card again', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.addReader(R1);
    daemon.insert(R0, simpleCard());
    const { port, events } = setup(daemon);
    await until(() => port.cardPresent(R0) && port.readers().length === 2);
    const conn = await port.connect(R0, 'shared');
    const first = daemon.contexts[0];
    const closeOrder: string[] = [];
    for (const reader of Object.values(first?.readers ?? {})) {
      const close = reader.close.bind(reader);
      reader.close = () => {
        closeOrder.push(reader.name);
        close();
      };
    }
    const closePcsc = first?.close.bind(first);
    if (first && closePcsc) {
      first.close = () => {
        closeOrder.push('pcsc');
        closePcsc();
      };
    }
    events.length = 0;
    daemon.kill();
    await until(() => closeOrder.includes('pcsc'), 'old context closed');
    expect(types(events)).toEqual([
      'service-down',
      `card-removed:${R0}`,
      `reader-removed:${R0}`,
      `reader-removed:${R1}`,
    ]);
    // Readers first, then the context (§10 pitfall 10).
    expect(closeOrder).toEqual([R0, R1, 'pcsc']);
    expect(port.readers()).toEqual([]);
    await expectCardError(conn.transmit(hex('00A4040C')), 'card.reader-gone');
    await until(() => daemon.factoryCalls >= 3, 'a few failed attempts');
    expect(types(events)).toEqual([
      'service-down',
      `card-removed:${R0}`,
      `reader-removed:${R0}`,
      `reader-removed:${R1}`,
    ]);
    daemon.start();
    await until(() => port.cardPresent(R0) && port.readers().length === 2, 'recovery');
    expect(types(events).slice(4).sort()).toEqual(
      ['service-up', `reader-added:${R0}`, `reader-added:${R1}`, `card-inserted:${R0}`].sort(),
    );
    expect(types(events)[4]).toBe('service-up');
    const again = await port.connect(R0, 'shared');
    expect(await again.transmit(hex('00A4040C'))).toEqual(hex('9000'));
    await again.disconnect();
  });

  it('treats a context whose reader listing fails as down and keeps retrying', async () => {
    const daemon = new FakePcscd();
    const { port, events } = setup(daemon);
    // The constructor worked, then pcscd went away before the watcher listed readers.
    daemon.running = false;
    await until(() => events.some((e) => e.type === 'service-down'));
    daemon.start();
    daemon.addReader(R0);
    await until(() => port.readers().length === 1);
    expect(types(events)).toEqual(['service-down', 'service-up', `reader-added:${R0}`]);
  });

  it('runs its pcscd retries and MUTE probes on the timers it is given', async () => {
    const waits: number[] = [];
    const timers: Timers = {
      setTimeout: (run, ms) => {
        waits.push(ms);
        return systemTimers.setTimeout(run, ms);
      },
      clearTimeout: (handle) => systemTimers.clearTimeout(handle),
    };
    const daemon = new FakePcscd();
    daemon.running = false;
    const { port, lines } = setup(daemon, {
      timers,
      recovery: { initialMs: 3, maxMs: 12 },
      unsettledRetryMs: 7,
    });
    await until(() => daemon.factoryCalls >= 4, 'three retries');
    expect(waits.slice(0, 3)).toEqual([3, 6, 12]);
    daemon.start();
    daemon.addReader(R0);
    await until(() => port.readers().length === 1, 'reader after recovery');
    waits.length = 0;
    daemon.insert(R0, simpleCard(), { mute: true });
    await until(() => lines.some((l) => l.includes('probing (try 1)')), 'first probe');
    expect(waits).toContain(7);
  });

  it('close() unpowers open cards, closes readers then the context, and ignores errors after close', async () => {
    const daemon = new FakePcscd();
    daemon.addReader(R0);
    daemon.insert(R0, simpleCard());
    const { port, events } = setup(daemon);
    await until(() => port.cardPresent(R0));
    const conn = await port.connect(R0, 'exclusive');
    const ctx = daemon.contexts[0];
    const reader = liveReader(daemon, R0);
    events.length = 0;
    await port.close();
    expect(daemon.disconnects).toEqual([{ reader: R0, disposition: 2 }]);
    expect(reader.closed).toBe(true);
    expect(ctx?.closed).toBe(true);
    // The fake emits "Command cancelled" after close, as the library may (§10 pitfall 10); nothing breaks.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    daemon.remove(R0);
    expect(events).toEqual([]);
    await expectCardError(port.connect(R0, 'shared'), 'card.reader-gone');
    await expectCardError(conn.transmit(hex('00A4040C')), 'card.removed');
  });
});
