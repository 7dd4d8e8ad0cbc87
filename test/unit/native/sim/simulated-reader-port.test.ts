// The in-process ReaderPort: events, transmit through an async boundary, removal after N APDUs, service outages.
import { describe, expect, it } from 'vitest';
import { CardError } from '../../../../native/card/card-error';
import type { ReaderEvent } from '../../../../native/reader/reader-port';
import { createSimulatedReaderPort } from '../../../../native/sim/simulated-reader-port';
import { createVirtualCard } from '../../../../native/sim/virtual-card';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const swOf = (response: Uint8Array): string =>
  Buffer.from(response.subarray(-2)).toString('hex').toUpperCase();
const selectJpki = hex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
const selectPin = hex('00 A4 02 0C 02 00 18');

function recorder(port: ReturnType<typeof createSimulatedReaderPort>): ReaderEvent[] {
  const events: ReaderEvent[] = [];
  port.subscribe((event) => events.push(event));
  return events;
}

async function rejection(promise: Promise<unknown>): Promise<CardError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CardError) return error;
    throw error;
  }
  throw new Error('expected a CardError');
}

describe('simulated reader port', () => {
  it('names its readers and reports insertion and removal', () => {
    const port = createSimulatedReaderPort({ readers: ['Simulated Reader 00', 'Simulated Reader 01'] });
    expect(port.readers()).toEqual(['Simulated Reader 00', 'Simulated Reader 01']);
    expect(createSimulatedReaderPort().readers()).toEqual(['Simulated Reader 00']);
    const events = recorder(port);
    const card = createVirtualCard();
    port.present('Simulated Reader 01', card);
    expect(port.cardPresent('Simulated Reader 01')).toBe(true);
    expect(port.cardPresent('Simulated Reader 00')).toBe(false);
    port.remove('Simulated Reader 01');
    port.remove('Simulated Reader 01'); // nothing left to remove: no second event
    expect(events).toEqual([
      { type: 'card-inserted', reader: 'Simulated Reader 01', atr: card.atr },
      { type: 'card-removed', reader: 'Simulated Reader 01' },
    ]);
    expect(() => port.present('Nope', card)).toThrow(/unknown simulated reader/);
    expect(() => createSimulatedReaderPort({ readers: ['A', 'A'] })).toThrow(/unique/);
  });

  it('transmits asynchronously and answers like the card', async () => {
    const port = createSimulatedReaderPort();
    port.present('Simulated Reader 00', createVirtualCard());
    const connection = await port.connect('Simulated Reader 00', 'shared');
    expect(Buffer.from(connection.atr).toString('hex')).toBe('3b888001000005e0b381a1007f');
    let settled = false;
    const pending = connection.transmit(selectJpki).then((r) => {
      settled = true;
      return r;
    });
    expect(settled).toBe(false);
    expect(swOf(await pending)).toBe('9000');
  });

  it('keeps APDUs in order when they are sent without waiting', async () => {
    const port = createSimulatedReaderPort();
    port.present('Simulated Reader 00', createVirtualCard({ latencyMs: 5 }));
    const connection = await port.connect('Simulated Reader 00', 'exclusive');
    const [select, selectEf, tries] = await Promise.all([
      connection.transmit(selectJpki),
      connection.transmit(selectPin),
      connection.transmit(hex('00 20 00 80')),
    ]);
    expect([swOf(select), swOf(selectEf), swOf(tries)]).toEqual(['9000', '9000', '63C3']);
  });

  it('disconnect powers the card off, so the PIN must be verified again', async () => {
    const port = createSimulatedReaderPort();
    port.present('Simulated Reader 00', createVirtualCard());
    const first = await port.connect('Simulated Reader 00', 'exclusive');
    await first.transmit(selectJpki);
    await first.transmit(selectPin);
    expect(swOf(await first.transmit(hex('00 20 00 80 04 31 32 33 34')))).toBe('9000');
    await first.disconnect();
    await first.disconnect(); // idempotent
    expect((await rejection(first.transmit(selectJpki))).code).toBe('card.removed');
    const second = await port.connect('Simulated Reader 00', 'exclusive');
    await second.transmit(selectJpki);
    await second.transmit(selectPin);
    expect(swOf(await second.transmit(hex('00 20 00 80')))).toBe('63C3');
  });

  it('takes the card away after removeAfterApdus: the next transmit throws card.removed', async () => {
    const port = createSimulatedReaderPort();
    const events = recorder(port);
    port.present('Simulated Reader 00', createVirtualCard({ removeAfterApdus: 2 }));
    const connection = await port.connect('Simulated Reader 00', 'shared');
    expect(swOf(await connection.transmit(selectJpki))).toBe('9000');
    expect(events.map((e) => e.type)).toEqual(['card-inserted']);
    expect(swOf(await connection.transmit(hex('00 B0 86 00 20')))).toBe('9000');
    expect(events.map((e) => e.type)).toEqual(['card-inserted', 'card-removed']);
    expect(port.cardPresent('Simulated Reader 00')).toBe(false);
    expect((await rejection(connection.transmit(selectJpki))).code).toBe('card.removed');
    expect((await rejection(port.connect('Simulated Reader 00', 'shared'))).code).toBe('card.removed');
  });

  it('fails a connection whose card was swapped for another', async () => {
    const port = createSimulatedReaderPort();
    port.present('Simulated Reader 00', createVirtualCard());
    const connection = await port.connect('Simulated Reader 00', 'shared');
    port.present('Simulated Reader 00', createVirtualCard({ variant: 'android' }));
    expect((await rejection(connection.transmit(selectJpki))).code).toBe('card.removed');
  });

  it('times a slow card out with card.timeout', async () => {
    const port = createSimulatedReaderPort();
    port.present('Simulated Reader 00', createVirtualCard({ latencyMs: 200 }));
    const connection = await port.connect('Simulated Reader 00', 'shared');
    expect((await rejection(connection.transmit(selectJpki, { timeoutMs: 10 }))).code).toBe('card.timeout');
  });

  it('service down: events, no readers, connect and transmit fail; service up: readers and cards come back', async () => {
    const port = createSimulatedReaderPort();
    const card = createVirtualCard();
    port.present('Simulated Reader 00', card);
    const connection = await port.connect('Simulated Reader 00', 'shared');
    const events = recorder(port);
    port.setServiceDown(true);
    port.setServiceDown(true);
    expect(events).toEqual([
      { type: 'service-down', reason: 'simulated: pcscd stopped' },
      { type: 'reader-removed', reader: 'Simulated Reader 00' },
    ]);
    expect(port.readers()).toEqual([]);
    expect(port.cardPresent('Simulated Reader 00')).toBe(false);
    expect((await rejection(port.connect('Simulated Reader 00', 'shared'))).code).toBe('card.reader-gone');
    expect((await rejection(connection.transmit(selectJpki))).code).toBe('card.reader-gone');
    port.setServiceDown(false);
    expect(events.slice(2)).toEqual([
      { type: 'service-up' },
      { type: 'reader-added', reader: 'Simulated Reader 00' },
      { type: 'card-inserted', reader: 'Simulated Reader 00', atr: card.atr },
    ]);
    // the old connection belonged to the session before the outage
    expect((await rejection(connection.transmit(selectJpki))).code).toBe('card.removed');
    const fresh = await port.connect('Simulated Reader 00', 'shared');
    expect(swOf(await fresh.transmit(selectJpki))).toBe('9000');
  });

  it('an unplugged reader disappears with its connections; plugged back, it shows the card still on it', async () => {
    const port = createSimulatedReaderPort({ readers: ['R0', 'R1'] });
    const card = createVirtualCard();
    port.present('R0', card);
    const connection = await port.connect('R0', 'exclusive');
    const events = recorder(port);
    port.setPlugged('R0', false);
    port.setPlugged('R0', false);
    expect(events).toEqual([{ type: 'reader-removed', reader: 'R0' }]);
    expect(port.readers()).toEqual(['R1']);
    expect(port.cardPresent('R0')).toBe(false);
    expect((await rejection(connection.transmit(selectJpki))).code).toBe('card.reader-gone');
    expect((await rejection(port.connect('R0', 'shared'))).code).toBe('card.reader-gone');
    // A pcscd outage while it is unplugged does not announce it.
    port.setServiceDown(true);
    port.setServiceDown(false);
    expect(events.slice(1)).toEqual([
      { type: 'service-down', reason: 'simulated: pcscd stopped' },
      { type: 'reader-removed', reader: 'R1' },
      { type: 'service-up' },
      { type: 'reader-added', reader: 'R1' },
    ]);
    port.setPlugged('R0', true);
    expect(events.slice(5)).toEqual([
      { type: 'reader-added', reader: 'R0' },
      { type: 'card-inserted', reader: 'R0', atr: card.atr },
    ]);
    expect(port.readers()).toEqual(['R0', 'R1']);
    // The connection of before belonged to the card's earlier power-up.
    expect((await rejection(connection.transmit(selectJpki))).code).toBe('card.removed');
    const fresh = await port.connect('R0', 'shared');
    expect(swOf(await fresh.transmit(selectJpki))).toBe('9000');
  });

  it('connect fails clearly for an empty or unknown reader; close ends everything silently', async () => {
    const port = createSimulatedReaderPort();
    expect((await rejection(port.connect('Simulated Reader 00', 'shared'))).code).toBe('card.removed');
    expect((await rejection(port.connect('Other', 'shared'))).code).toBe('card.reader-gone');
    const events = recorder(port);
    port.present('Simulated Reader 00', createVirtualCard());
    await port.close();
    expect(port.readers()).toEqual([]);
    expect((await rejection(port.connect('Simulated Reader 00', 'shared'))).code).toBe('card.reader-gone');
    expect(events.map((e) => e.type)).toEqual(['card-inserted']); // nothing is emitted after close
  });

  it('an aborted connect rejects with the signal’s reason and hands out nothing', async () => {
    const port = createSimulatedReaderPort();
    const card = createVirtualCard();
    port.present('Simulated Reader 00', card);
    const before = new AbortController();
    const reason = new Error('the attempt is over');
    before.abort(reason);
    await expect(port.connect('Simulated Reader 00', 'shared', before.signal)).rejects.toBe(reason);
    const during = new AbortController();
    const connecting = port.connect('Simulated Reader 00', 'shared', during.signal);
    during.abort(reason);
    await expect(connecting).rejects.toBe(reason);
    expect(card.apduCount).toBe(0);
    const connection = await port.connect('Simulated Reader 00', 'shared', new AbortController().signal);
    expect(swOf(await connection.transmit(selectJpki))).toBe('9000');
  });

  it('keeps delivering events when a listener throws, and unsubscribes', () => {
    const port = createSimulatedReaderPort();
    const seen: string[] = [];
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      port.subscribe(() => {
        throw new Error('listener bug');
      });
      const off = port.subscribe((e) => seen.push(e.type));
      port.present('Simulated Reader 00', createVirtualCard());
      off();
      port.remove('Simulated Reader 00');
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(['card-inserted']);
    expect(errors.length).toBe(2);
  });
});
