import { afterEach, describe, expect, it } from 'vitest';
import { createApduChannel } from '../../../../native/card/apdu-channel';
import type { Transmit } from '../../../../native/card/apdu-channel';
import { fromHex, toHex } from '../../../../native/card/bytes';
import { CardError } from '../../../../native/card/card-error';
import { replayTransmit } from './replay-transmit';
import type { Exchange, Replay } from './replay-transmit';

const replays: Replay[] = [];
function replay(exchanges: Exchange[]): Replay {
  const created = replayTransmit(exchanges);
  replays.push(created);
  return created;
}
afterEach(() => {
  for (const r of replays.splice(0)) r.expectFinished();
});

const readLabel = { cla: 0x00, ins: 0xb0, p1: 0x86, p2: 0x00, le: 0x20 };
const sign = { cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: fromHex('AABB'), le: 256 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createApduChannel', () => {
  it('sends one APDU and splits the response', async () => {
    const r = replay([{ command: '00B0860020', response: '41429000' }]);
    const channel = createApduChannel(r.transmit);
    const response = await channel.send(readLabel);
    expect(toHex(response.data, '')).toBe('4142');
    expect(response.sw).toBe(0x9000);
    expect(channel.count).toBe(1);
  });

  it('follows 61xx with GET RESPONSE until the data is complete', async () => {
    const r = replay([
      { command: '802A008002AABB00', response: '0102' + '6103' },
      { command: '00C0000003', response: '030405' + '6100' },
      { command: '00C0000000', response: '06' + '9000' },
    ]);
    const channel = createApduChannel(r.transmit);
    const response = await channel.send(sign);
    expect(toHex(response.data, '')).toBe('010203040506');
    expect(response.sw).toBe(0x9000);
    expect(channel.count).toBe(3);
  });

  it('resends once with the exact Le on 6Cxx', async () => {
    const r = replay([
      { command: '00B0860020', response: '6C10' },
      { command: '00B0860010', response: '00'.repeat(16) + '9000' },
    ]);
    const channel = createApduChannel(r.transmit);
    const response = await channel.send(readLabel);
    expect(response.data.length).toBe(16);
    expect(channel.count).toBe(2);
  });

  it('handles 6Cxx answered to GET RESPONSE', async () => {
    const r = replay([
      { command: '802A008002AABB00', response: '6100' },
      { command: '00C0000000', response: '6C05' },
      { command: '00C0000005', response: '0102030405' + '9000' },
    ]);
    expect((await createApduChannel(r.transmit).send(sign)).data.length).toBe(5);
  });

  it('treats 6Cxx to a command without Le as its final answer', async () => {
    const r = replay([{ command: '00200080', response: '6C04' }]);
    const response = await createApduChannel(r.transmit).send({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 });
    expect(response.sw).toBe(0x6c04);
  });

  it('gives up when the card corrects Le twice', async () => {
    const r = replay([
      { command: '00B0860020', response: '6C10' },
      { command: '00B0860010', response: '6C08' },
    ]);
    const error = await rejection(createApduChannel(r.transmit).send(readLabel));
    expect(error).toBeInstanceOf(CardError);
    expect((error as CardError).code).toBe('card.protocol-error');
    expect((error as CardError).details.sw).toBe(0x6c08);
  });

  it('stops a card that answers 61xx forever', async () => {
    let count = 0;
    const endless: Transmit = () => {
      count += 1;
      return Promise.resolve(fromHex('006101'));
    };
    const error = await rejection(createApduChannel(endless).send(sign));
    expect((error as CardError).code).toBe('card.protocol-error');
    expect(count).toBe(257);
  });

  it('passes transport CardErrors through unchanged', async () => {
    for (const code of ['card.removed', 'card.reader-gone', 'card.timeout'] as const) {
      const thrown = new CardError(code, 'transport');
      const r = replay([{ command: '00B0860020', response: thrown }]);
      expect(await rejection(createApduChannel(r.transmit).send(readLabel))).toBe(thrown);
    }
  });

  it('wraps any other transmit failure and a malformed answer in card.protocol-error', async () => {
    const cause = new Error('boom');
    const failing: Transmit = () => Promise.reject(cause);
    const error = await rejection(createApduChannel(failing).send(readLabel));
    expect((error as CardError).code).toBe('card.protocol-error');
    expect((error as CardError).cause).toBe(cause);

    const notBytes = (() => Promise.resolve('9000')) as unknown as Transmit;
    expect(((await rejection(createApduChannel(notBytes).send(readLabel))) as CardError).code).toBe(
      'card.protocol-error',
    );
    const short: Transmit = () => Promise.resolve(Uint8Array.of(0x90));
    expect(((await rejection(createApduChannel(short).send(readLabel))) as CardError).code).toBe(
      'card.protocol-error',
    );
  });

  it('passes the sensitive flag only for commands marked so, and traces them masked', async () => {
    const lines: string[] = [];
    const r = replay([
      { command: '00200080', response: '63C3' },
      { command: '002000800431323334', response: '9000' },
    ]);
    const channel = createApduChannel(r.transmit, { trace: (line) => lines.push(line) });
    await channel.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 });
    await channel.send(
      { cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: fromHex('31323334') },
      { sensitive: true },
    );
    expect(r.sent.map((s) => s.sensitive)).toEqual([false, true]);
    expect(lines).toEqual(['> 00 20 00 80', '< 63 C3', '> 00 20 00 80 04 XX XX XX XX', '< 90 00']);
  });

  it('wipes a sensitive APDU once its exchange is over', async () => {
    const handed: Uint8Array[] = [];
    const transmit: Transmit = (apdu) => {
      handed.push(apdu);
      expect(toHex(apdu, '')).toBe('002000800431323334');
      return Promise.resolve(fromHex('9000'));
    };
    const channel = createApduChannel(transmit);
    await channel.send(
      { cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: fromHex('31323334') },
      { sensitive: true },
    );
    expect(handed[0]).toEqual(new Uint8Array(9));
  });
});
