import { describe, expect, it } from 'vitest';
import { SW, classifyStatus, swHex } from '../../../../native/card/status-words';

describe('classifyStatus', () => {
  it('reads the tries left from 63Cx, including 63C0', () => {
    expect(classifyStatus(0x63c3)).toEqual({ kind: 'verify-tries', triesLeft: 3 });
    expect(classifyStatus(0x63c1)).toEqual({ kind: 'verify-tries', triesLeft: 1 });
    expect(classifyStatus(0x63c0)).toEqual({ kind: 'verify-tries', triesLeft: 0 });
  });

  it('gives the length of 61xx and 6Cxx', () => {
    expect(classifyStatus(0x6110)).toEqual({ kind: 'more-data', available: 0x10 });
    expect(classifyStatus(0x6100)).toEqual({ kind: 'more-data', available: 0 });
    expect(classifyStatus(0x6c20)).toEqual({ kind: 'wrong-le', exactLe: 0x20 });
  });

  it('names every status word of my-number-card.md §3', () => {
    const table: [number, string][] = [
      [0x9000, 'ok'],
      [0x6300, 'no-retry-limit'],
      [0x6282, 'end-of-file-before-le'],
      [0x6700, 'wrong-length'],
      [0x6881, 'channel-not-supported'],
      [0x6981, 'command-incompatible'],
      [0x6982, 'security-status'],
      [0x6983, 'blocked'],
      [0x6984, 'blocked'],
      [0x6985, 'conditions-not-satisfied'],
      [0x6986, 'no-current-ef'],
      [0x6a82, 'not-found'],
      [0x6a86, 'incorrect-p1p2'],
      [0x6a88, 'referenced-data-not-found'],
      [0x6b00, 'offset-beyond-end'],
      [0x6d00, 'ins-not-supported'],
      [0x6e00, 'cla-not-supported'],
      [0x6f00, 'no-precise-diagnosis'],
      [0x6400, 'other'],
    ];
    for (const [sw, kind] of table) expect(classifyStatus(sw).kind, swHex(sw)).toBe(kind);
  });

  it('formats status words as four upper-case hex digits', () => {
    expect(swHex(SW.notFound)).toBe('6A82');
    expect(swHex(0x0900)).toBe('0900');
  });
});
