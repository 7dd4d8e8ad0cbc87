import { describe, expect, it } from 'vitest';
import { CardError } from '../../../../native/card/card-error';
import { parseTokenLabel } from '../../../../native/card/token-kind';

const padded = (text: string, length = 32, pad = ' '): Uint8Array =>
  new TextEncoder().encode(text.padEnd(length, pad));

describe('parseTokenLabel', () => {
  it('tells the physical card and the two kinds of smartphone apart by prefix', () => {
    expect(parseTokenLabel(padded('JPKIAPICCTOKEN2'))).toEqual({ kind: 'card', label: 'JPKIAPICCTOKEN2' });
    expect(parseTokenLabel(padded('JPKIAPGPSETOKEN'))).toEqual({ kind: 'android', label: 'JPKIAPGPSETOKEN' });
    expect(parseTokenLabel(padded('JPKIAPIOSTOKEN'))).toEqual({ kind: 'iphone', label: 'JPKIAPIOSTOKEN' });
    expect(parseTokenLabel(padded('JPKIAPICCTOKEN3 NEW'))).toEqual({
      kind: 'card',
      label: 'JPKIAPICCTOKEN3 NEW',
    });
  });

  it('stops at NUL padding', () => {
    expect(parseTokenLabel(padded('JPKIAPICCTOKEN2', 32, '\0')).label).toBe('JPKIAPICCTOKEN2');
  });

  it('refuses unknown and non-ASCII labels', () => {
    for (const bytes of [padded('SOMEOTHERTOKEN'), padded(''), Uint8Array.of(0x4a, 0xff, 0x20)]) {
      expect(() => parseTokenLabel(bytes)).toThrow(CardError);
      try {
        parseTokenLabel(bytes);
      } catch (error) {
        expect((error as CardError).code).toBe('card.not-my-number-card');
      }
    }
  });
});
