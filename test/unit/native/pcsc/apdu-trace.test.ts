// APDU sizing and masked traces (my-number-card.md §2.2, §9.1).
import { describe, expect, it } from 'vitest';
import {
  isExtendedApdu,
  responseLength,
  traceCommand,
  traceResponse,
} from '../../../../native/pcsc/apdu-trace';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

describe('responseLength', () => {
  it('is 258 for short APDUs of every case and 65538 for extended ones', () => {
    expect(responseLength(hex('00A4040C0AD392F000260100000001'))).toBe(258); // case 3
    expect(responseLength(hex('00B08A0000'))).toBe(258); // case 2, Le 256
    expect(responseLength(hex('00200080'))).toBe(258); // case 1
    expect(responseLength(hex('802A00803300'))).toBe(258);
    expect(responseLength(hex('00B08A00000000'))).toBe(65538); // case 2E
    expect(isExtendedApdu(hex('00B0000000 0100 AA 0000'))).toBe(true); // case 4E
    expect(isExtendedApdu(hex('00B0000000'))).toBe(false);
  });
});

describe('traces', () => {
  it('masks the data of VERIFY, CHANGE REFERENCE DATA and sensitive commands, keeping the header', () => {
    expect(traceCommand(hex('0020008004 31323334'))).toBe('00200080 [5 bytes masked]');
    expect(traceCommand(hex('0024018004 31323334'))).toBe('00240180 [5 bytes masked]');
    expect(traceCommand(hex('002C000004 31323334'))).toBe('002C0000 [5 bytes masked]');
    expect(traceCommand(hex('80AA000003 414243'), true)).toBe('80AA0000 [4 bytes masked]');
    expect(traceCommand(hex('00200080'))).toBe('00200080');
    expect(traceCommand(hex('00A4020C020018'))).toBe('00A4020C020018');
  });

  it('shows only the status word and length of a response, never its data', () => {
    expect(traceResponse(hex('DEADBEEF 9000'))).toBe('9000 (4 data bytes)');
    expect(traceResponse(hex('63C2'))).toBe('63C2 (0 data bytes)');
    expect(traceResponse(hex('90'))).toBe('<1 bytes>');
  });
});
