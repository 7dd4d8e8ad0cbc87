// The bytes handed to pcsclite's transmit: a buffer of their own, zero-filled once the native call answers.
import { describe, expect, it } from 'vitest';
import { nativeTransmit } from '../../../../native/pcsc/pcsc-connection';
import type { PcscReaderLike } from '../../../../native/pcsc/pcsc-like';

type Callback = (err: Error | null | undefined, data?: Buffer) => void;

/** A reader whose transmit keeps what it was given and answers when the test says. */
function holdingReader() {
  const sent: { wire: Buffer; copy: string; answer: Callback }[] = [];
  const reader = {
    transmit(data: Buffer, _resLen: number, _protocol: number, cb: Callback) {
      sent.push({ wire: data, copy: data.toString('hex'), answer: cb });
    },
  } as unknown as PcscReaderLike;
  return { reader, sent };
}

/** VERIFY of the auth PIN with the PIN "5824" as ASCII digits (my-number-card.md §2). */
const verifyApdu = (): Uint8Array => Uint8Array.of(0x00, 0x20, 0x00, 0x80, 0x04, 0x35, 0x38, 0x32, 0x34);

describe('nativeTransmit', () => {
  it('passes a copy on memory of its own, not the shared pool, and wipes it when the card answers', async () => {
    const { reader, sent } = holdingReader();
    const apdu = verifyApdu();
    const answer = nativeTransmit(reader, apdu, 2);
    const [call] = sent;
    if (!call) throw new Error('transmit was not called');
    expect(call.copy).toBe('002000800435383234');
    // Node's pool hands out slices of one shared 8 KiB ArrayBuffer; this one is exactly the APDU.
    expect(call.wire.byteOffset).toBe(0);
    expect(call.wire.buffer.byteLength).toBe(apdu.length);
    expect(call.wire.every((b) => b === 0)).toBe(false);
    call.answer(null, Buffer.from([0x90, 0x00]));
    await expect(answer).resolves.toEqual(Buffer.from([0x90, 0x00]));
    expect(call.wire.every((b) => b === 0)).toBe(true);
  });

  it('wipes it when the native call fails, and when it throws without calling back', async () => {
    const { reader, sent } = holdingReader();
    const failing = nativeTransmit(reader, verifyApdu(), 2);
    sent[0]?.answer(new Error('SCardTransmit error: Card was removed.(0x80100069)'));
    await expect(failing).rejects.toThrow(/Card was removed/);
    expect(sent[0]?.wire.every((b) => b === 0)).toBe(true);

    let given: Buffer | undefined;
    const closed = {
      transmit(data: Buffer) {
        given = data;
        throw new Error('Card Reader not connected');
      },
    } as unknown as PcscReaderLike;
    await expect(nativeTransmit(closed, verifyApdu(), 2)).rejects.toThrow(/not connected/);
    expect(given?.length).toBe(9);
    expect(given?.every((b) => b === 0)).toBe(true);
  });
});
