import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCommand,
  encodeCommand,
  formatApdu,
  formatResponse,
  parseResponse,
} from '../../../../native/card/apdu';
import type { CommandApdu } from '../../../../native/card/apdu';
import { fromHex, toHex } from '../../../../native/card/bytes';
import { CardError } from '../../../../native/card/card-error';

const hex = (apdu: Uint8Array): string => toHex(apdu, '');
const header = { cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00 };

describe('encodeCommand', () => {
  it('encodes the four short cases', () => {
    expect(hex(encodeCommand({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 }))).toBe('00200080');
    expect(hex(encodeCommand({ ...header, p1: 0x8a, le: 256 }))).toBe('00B08A0000');
    expect(hex(encodeCommand({ ...header, le: 0x20 }))).toBe('00B0000020');
    expect(hex(encodeCommand({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('000A') }))).toBe(
      '00A4020C02000A',
    );
    expect(
      hex(encodeCommand({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: fromHex('AABB'), le: 256 })),
    ).toBe('802A008002AABB00');
  });

  it('switches to extended lengths when Lc > 255 or Le > 256, or when asked', () => {
    expect(hex(encodeCommand({ ...header, le: 65536 }))).toBe('00B00000000000');
    expect(hex(encodeCommand({ ...header, p1: 0x8a, le: 65536 }))).toBe('00B08A00000000');
    expect(hex(encodeCommand({ ...header, le: 257 }))).toBe('00B00000000101');
    expect(hex(encodeCommand({ ...header, le: 256, extended: true }))).toBe('00B00000000100');
    const data = new Uint8Array(300).fill(0x11);
    const encoded = encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data });
    expect(hex(encoded.subarray(0, 7))).toBe('00D6000000012C');
    expect(encoded.length).toBe(7 + 300);
    const withLe = encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data, le: 65536 });
    expect(hex(withLe.subarray(-2))).toBe('0000');
    expect(withLe.length).toBe(9 + 300);
  });

  it('rejects fields out of range', () => {
    expect(() => encodeCommand({ ...header, cla: 256 })).toThrow(RangeError);
    expect(() => encodeCommand({ ...header, p1: -1 })).toThrow(RangeError);
    expect(() => encodeCommand({ ...header, le: 0 })).toThrow(RangeError);
    expect(() => encodeCommand({ ...header, le: 65537 })).toThrow(RangeError);
    expect(() => encodeCommand({ ...header, data: new Uint8Array(65536) })).toThrow(RangeError);
  });
});

describe('decodeCommand', () => {
  const commandArb: fc.Arbitrary<CommandApdu> = fc.record(
    {
      cla: fc.integer({ min: 0, max: 255 }),
      ins: fc.integer({ min: 0, max: 255 }),
      p1: fc.integer({ min: 0, max: 255 }),
      p2: fc.integer({ min: 0, max: 255 }),
      data: fc.uint8Array({ minLength: 1, maxLength: 400 }),
      le: fc.integer({ min: 1, max: 65536 }),
      extended: fc.boolean(),
    },
    { requiredKeys: ['cla', 'ins', 'p1', 'p2'] },
  );

  it('inverts encodeCommand for every case, short and extended', () => {
    fc.assert(
      fc.property(commandArb, (command) => {
        const encoded = encodeCommand(command);
        const decoded = decodeCommand(encoded);
        expect(decoded).not.toBeNull();
        expect(encodeCommand(decoded as CommandApdu)).toEqual(encoded);
        expect(decoded?.data ?? new Uint8Array(0)).toEqual(command.data ?? new Uint8Array(0));
        expect(decoded?.le).toBe(command.le);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('returns null for malformed commands', () => {
    expect(decodeCommand(fromHex('00A402'))).toBeNull();
    expect(decodeCommand(fromHex('00A4020C05000A'))).toBeNull();
    expect(decodeCommand(fromHex('00A4020C00000000'))).toBeNull();
    expect(decodeCommand(fromHex('00D60000000002AA'))).toBeNull();
  });
});

describe('parseResponse', () => {
  it('splits data and status word', () => {
    const response = parseResponse(fromHex('0102039000'));
    expect(response.data).toEqual(fromHex('010203'));
    expect([response.sw1, response.sw2, response.sw]).toEqual([0x90, 0x00, 0x9000]);
    expect(parseResponse(fromHex('63C2')).sw).toBe(0x63c2);
  });

  it('rejects a response without a status word', () => {
    for (const short of [new Uint8Array(0), fromHex('90')]) {
      expect(() => parseResponse(short)).toThrow(CardError);
      try {
        parseResponse(short);
      } catch (error) {
        expect((error as CardError).code).toBe('card.protocol-error');
      }
    }
  });
});

describe('formatApdu', () => {
  it('masks the PIN of VERIFY and CHANGE PIN', () => {
    expect(formatApdu(fromHex('002000800431323334'))).toBe('00 20 00 80 04 XX XX XX XX');
    expect(formatApdu(fromHex('002401800435363738'))).toBe('00 24 01 80 04 XX XX XX XX');
    expect(formatApdu(fromHex('00200098043132333400'))).toBe('00 20 00 98 04 XX XX XX XX 00');
    expect(formatApdu(fromHex('0020008000000431323334'))).toBe('00 20 00 80 00 00 04 XX XX XX XX');
  });

  it('masks everything after the header of a malformed VERIFY', () => {
    expect(formatApdu(fromHex('00200080053132'))).toBe('00 20 00 80 XX XX XX');
  });

  it('shows the empty VERIFY and ordinary commands in full', () => {
    expect(formatApdu(fromHex('00200080'))).toBe('00 20 00 80');
    expect(formatApdu(fromHex('00A4040C0AD392F000260100000001'))).toBe(
      '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01',
    );
  });

  it('masks the data of any command marked sensitive', () => {
    expect(formatApdu(fromHex('00A4020C020018'), { sensitive: true })).toBe('00 A4 02 0C 02 XX XX');
  });

  it('never shows the digits of any 4-digit PIN', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}$/), fc.constantFrom(0x20, 0x24), (pin, ins) => {
        const digits = Array.from(pin, (c) => c.charCodeAt(0));
        const line = formatApdu(Uint8Array.of(0x00, ins, 0x00, 0x80, 0x04, ...digits));
        expect(line).toBe(`00 ${ins.toString(16)} 00 80 04 XX XX XX XX`);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('formatResponse', () => {
  it('shows the length and status word, never the data', () => {
    expect(formatResponse(fromHex('9000'))).toBe('90 00');
    expect(formatResponse(fromHex('DEADBEEF9000'))).toBe('[4 bytes] 90 00');
    expect(formatResponse(fromHex('6A'))).toBe('(1 bytes, no status word)');
  });
});
