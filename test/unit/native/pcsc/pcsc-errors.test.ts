// PC/SC error → CardError mapping (my-number-card.md §3.1).
import { describe, expect, it } from 'vitest';
import { CardError } from '../../../../native/card/card-error';
import {
  isServiceError,
  isUnsettledCardError,
  pcscErrorCode,
  toCardError,
} from '../../../../native/pcsc/pcsc-errors';
import { pcscError } from './fake-pcsc';

describe('pcscErrorCode', () => {
  it('reads the code from pcsclite messages, with or without a space before the parenthesis', () => {
    expect(pcscErrorCode(new Error('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(0x80100069);
    expect(pcscErrorCode(new Error('SCardConnect error: No smart card inserted. (0x8010000C)'))).toBe(
      0x8010000c,
    );
    expect(pcscErrorCode(new Error('Card Reader not connected'))).toBeUndefined();
    expect(pcscErrorCode('not an error')).toBeUndefined();
  });
});

describe('toCardError', () => {
  it.each(
    [
      [0x80100069, 'card.removed'],
      [0x8010000c, 'card.removed'],
      [0x80100068, 'card.removed'],
      [0x80100066, 'card.removed'],
      [0x80100009, 'card.reader-gone'],
      [0x8010002e, 'card.reader-gone'],
      [0x80100017, 'card.reader-gone'],
      [0x80100013, 'card.reader-gone'],
      [0x8010001d, 'card.reader-gone'],
      [0x8010001e, 'card.reader-gone'],
      [0x80100002, 'card.reader-gone'],
      [0x8010000b, 'card.reader-gone'],
      [0x8010000a, 'card.timeout'],
      [0x80100008, 'card.protocol-error'],
      [0x80100016, 'card.protocol-error'],
      [0x80100099, 'card.protocol-error'],
    ].map(([code, expected]) => [`0x${Number(code).toString(16)}`, Number(code), String(expected)] as const),
  )(
    'maps %s to the right code, keeping the PC/SC code in the message and the original as cause',
    (_label, code, expected) => {
      const original = pcscError('SCardTransmit', 'x.', code);
      const error = toCardError(original, 'transmit');
      expect(error).toBeInstanceOf(CardError);
      expect(error.code).toBe(expected);
      expect(error.message).toContain(`0x${code.toString(16).toUpperCase()}`);
      expect(error.cause).toBe(original);
    },
  );

  it('maps the library’s "not connected" to card.removed and keeps CardErrors as they are', () => {
    expect(toCardError(new Error('Card Reader not connected'), 'transmit').code).toBe('card.removed');
    const own = new CardError('card.timeout', 'x');
    expect(toCardError(own, 'transmit')).toBe(own);
  });
});

describe('classes of errors', () => {
  it('knows which codes mean pcscd is gone and which mean a card still settling', () => {
    expect(isServiceError(pcscError('SCardGetStatusChange', 'RPC transport error.', 0x80100013))).toBe(true);
    expect(isServiceError(pcscError('SCardEstablishContext', 'Service not available.', 0x8010001d))).toBe(
      true,
    );
    expect(isServiceError(pcscError('SCardTransmit', 'Card was removed.', 0x80100069))).toBe(false);
    expect(isUnsettledCardError(pcscError('SCardConnect', 'Card is unresponsive.', 0x80100066))).toBe(true);
    expect(isUnsettledCardError(pcscError('SCardConnect', 'Sharing violation.', 0x8010000b))).toBe(false);
  });
});
