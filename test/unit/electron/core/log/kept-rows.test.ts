// The queue of refused entries on its own: order, limit, flush that stops at the first refusal, reports.
import { describe, expect, it } from 'vitest';
import { KeptRows } from '../../../../../electron/core/log/kept-rows';
import type { ConfirmationRecord } from '../../../../../electron/core/log/confirmation-log';
import { sampleRecord } from './log-fixtures';

const entry = (n: number): ConfirmationRecord => sampleRecord({ gatewayRequestId: `REQ-${n}` });

describe('KeptRows', () => {
  it('writes kept entries oldest first and keeps the rest, in order, when a write fails', () => {
    const lines: string[] = [];
    const kept = new KeptRows(10, (line) => lines.push(line));
    for (const n of [1, 2, 3]) kept.keep(entry(n));
    const written: string[] = [];
    let refuse = true;
    const write = (e: ConfirmationRecord): void => {
      if (e.gatewayRequestId === 'REQ-2' && refuse) throw new Error('refused');
      written.push(e.gatewayRequestId ?? '');
    };
    expect(() => kept.flush(write)).toThrow('refused');
    expect(written).toEqual(['REQ-1']);
    expect(kept.count).toBe(2);
    refuse = false;
    expect(kept.flush(write)).toBe(2);
    expect(written).toEqual(['REQ-1', 'REQ-2', 'REQ-3']);
    expect(kept.count).toBe(0);
    expect(lines).toEqual([]);
  });

  it('reports an invalid entry and one past the limit by code only, and what is left at discard', () => {
    const lines: string[] = [];
    const kept = new KeptRows(1, (line) => lines.push(line));
    kept.keep({ ...entry(1), name: '123456789018' });
    kept.keep(entry(2));
    kept.refused('log.disk-full');
    kept.keep(entry(3));
    kept.discard('at close');
    expect(kept.count).toBe(0);
    expect(lines).toEqual([
      'confirmation log: 1 record not kept (log.invalid-record)',
      'confirmation log: 1 record lost, 1 already kept (log.disk-full)',
      'confirmation log: 1 kept records lost at close (log.disk-full)',
    ]);
    expect(lines.join('\n')).not.toMatch(/山田|REQ-/);
  });

  it('refuses a limit that is not a non-negative integer', () => {
    expect(() => new KeptRows(-1, () => undefined)).toThrow(RangeError);
    expect(() => new KeptRows(1.5, () => undefined)).toThrow(/keptLimit/);
  });
});
