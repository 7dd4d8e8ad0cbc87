// The simulator panel's channels over the in-process reader and real virtual cards: faults, card identity.
import { describe, expect, it } from 'vitest';
import type { SimState } from '../../../../../electron/common/contract';
import {
  createSimulationControl,
  simulatorFaults,
} from '../../../../../electron/core/simulation/simulation-control';
import { createSimulatedReaderPort } from '../../../../../native/sim/simulated-reader-port';
import { createVirtualCard, type VirtualCard } from '../../../../../native/sim/virtual-card';

const READER = 'Simulated Reader 00';
const OTHER = 'Simulated Reader 01';

function setup() {
  const port = createSimulatedReaderPort({ readers: [READER, OTHER] });
  const made: VirtualCard[] = [];
  const control = createSimulationControl<VirtualCard>({
    reader: port,
    makeCard: (variant, serialHex, pin) => {
      const card = createVirtualCard({ variant, pin, serialNumber: BigInt(`0x${serialHex}`) });
      made.push(card);
      return card;
    },
    holders: [
      { serialHex: '0A000101', personId: 'p01', label: 'テスト 一郎' },
      { serialHex: '0A000102', personId: 'p02', label: 'テスト 二郎' },
    ],
    setGatewayFault: () => undefined,
    setLogDown: () => undefined,
    onChange: () => undefined,
  });
  const h = control.handlers;
  const call = {
    present: (holderId: string, reader = READER) =>
      h['sim.present']({ reader, variant: 'physical', holderId }) as SimState,
    remove: (reader = READER) => h['sim.remove']({ reader }) as SimState,
    faults: (change: Parameters<(typeof h)['sim.faults']>[0]) => h['sim.faults'](change) as SimState,
  };
  return { port, made, call };
}

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const swOf = (reply: Uint8Array): string => Buffer.from(reply.subarray(-2)).toString('hex').toUpperCase();

/** SELECT JPKI AP, SELECT EF 0018, then one APDU: the card's answer (my-number-card.md §2). */
function onPin(card: VirtualCard, apdu: string): string {
  card.process(hex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'));
  card.process(hex('00 A4 02 0C 02 00 18'));
  return swOf(card.process(hex(apdu)));
}

describe('simulation control', () => {
  it('keeps showing a card that lies on the reader while the reader service is stopped, and after', () => {
    const { call } = setup();
    call.present('p01');
    const down = call.faults({ readerDown: true });
    expect(down.faults.readerDown).toBe(true);
    expect(down.readers.find((r) => r.name === READER)?.card).toMatchObject({ holderId: 'p01' });
    const up = call.faults({ readerDown: false });
    expect(up.readers.find((r) => r.name === READER)?.card).toMatchObject({ holderId: 'p01' });
  });

  it('hands back the same card, PIN counter and all, when the same card is put down again', () => {
    const { made, call } = setup();
    call.present('p01');
    const card = made[0];
    if (!card) throw new Error('no card made');
    // Three wrong PINs lock it: 63C2, 63C1, 63C0 (my-number-card.md §3, oqs-and-insurance.md §3).
    for (const expected of ['63C2', '63C1', '63C0']) {
      expect(onPin(card, '00 20 00 80 04 39 39 39 39')).toBe(expected);
    }
    call.remove();
    call.present('p01');
    expect(made).toHaveLength(1);
    card.powerOn();
    expect(onPin(card, '00 20 00 80')).toBe('63C0');
    // Another holder's card is another card, with its own counter.
    call.present('p02', OTHER);
    expect(made).toHaveLength(2);
  });

  it('moves a card put down on another reader out of the first one', () => {
    const { call } = setup();
    call.present('p01');
    const state = call.present('p01', OTHER);
    expect(state.readers.find((r) => r.name === READER)?.card).toBeNull();
    expect(state.readers.find((r) => r.name === OTHER)?.card).toMatchObject({ holderId: 'p01' });
  });

  it('the timeout fault stays silent for the kiosk gateway timeout', () => {
    expect(simulatorFaults('timeout', 30)).toEqual({ timeout: true, timeoutMs: 30_000 });
    expect(simulatorFaults('timeout')).toEqual({ timeout: true });
  });
});
