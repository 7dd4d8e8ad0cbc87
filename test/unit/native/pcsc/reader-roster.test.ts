// The reader roster: filter, reader-added / reader-removed in order, replacement under one name, release once.
import { describe, expect, it } from 'vitest';
import { SCARD_STATE } from '../../../../native/pcsc/pcsc-like';
import { CardDetector, type Timers } from '../../../../native/pcsc/reader-detection';
import type { ReaderEvent } from '../../../../native/reader/reader-port';
import {
  ReaderRoster,
  readerWanted,
  type ReaderGoneReason,
  type RosterEntry,
} from '../../../../native/pcsc/reader-roster';

const noTimers: Timers = {
  setTimeout: () => {
    throw new Error('no timer expected');
  },
  clearTimeout: () => undefined,
};

function entry(name: string): RosterEntry {
  return {
    name,
    detector: new CardDetector({
      timers: noTimers,
      unsettledRetryMs: 10,
      hasConnection: () => false,
      inserted: () => undefined,
      removed: () => undefined,
      probe: () => undefined,
    }),
  };
}

function roster(filter = '') {
  const events: string[] = [];
  const released: string[] = [];
  const r = new ReaderRoster<RosterEntry>({
    filter,
    emit: (e: ReaderEvent) => events.push('reader' in e ? `${e.type}:${e.reader}` : e.type),
    log: () => undefined,
    release: (e: RosterEntry, reason: ReaderGoneReason) => released.push(`${e.name}:${reason}`),
  });
  return { r, events, released };
}

describe('ReaderRoster', () => {
  it('uses only readers matching the filter', () => {
    const { r } = roster('virtual pcd');
    expect(r.wants('Virtual PCD 00 00')).toBe(true);
    expect(r.wants('ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00')).toBe(false);
  });

  it('announces readers added and removed, and forgets a removed one', () => {
    const { r, events, released } = roster();
    const a = entry('A');
    const b = entry('B');
    r.add(a);
    r.add(b);
    expect(r.names()).toEqual(['A', 'B']);
    r.drop(a, 'unplugged', true);
    r.drop(a, 'unplugged', true);
    expect(r.names()).toEqual(['B']);
    expect(r.isListed(a)).toBe(false);
    expect(r.isListed(b)).toBe(true);
    expect(events).toEqual(['reader-added:A', 'reader-added:B', 'reader-removed:A']);
    expect(released).toEqual(['A:unplugged']);
  });

  it('reports the card of a removed reader gone before the reader itself', () => {
    const { r, events } = roster();
    const a = entry('A');
    r.add(a);
    a.detector.onStatus(SCARD_STATE.PRESENT, Uint8Array.from([0x3b]));
    r.drop(a, 'unplugged', true);
    expect(events).toEqual(['reader-added:A', 'card-removed:A', 'reader-removed:A']);
    expect(a.detector.present).toBe(false);
  });

  it('replaces a reader that appears again under a listed name, reporting the old one removed first', () => {
    const { r, events, released } = roster();
    const first = entry('A');
    const second = entry('A');
    r.add(first);
    r.add(second);
    expect(r.get('A')).toBe(second);
    expect(r.isListed(first)).toBe(false);
    expect(events).toEqual(['reader-added:A', 'reader-removed:A', 'reader-added:A']);
    expect(released).toEqual(['A:replaced']);
    // The old entry's late end does not take the new one off.
    r.drop(first, 'unplugged', true);
    expect(r.names()).toEqual(['A']);
  });

  it('drops without a word when told not to announce, and clears silently', () => {
    const { r, events, released } = roster();
    const a = entry('A');
    const b = entry('B');
    r.add(a);
    r.add(b);
    r.drop(a, 'service-stopped', false);
    r.clear();
    expect(r.names()).toEqual([]);
    expect(r.isListed(b)).toBe(false);
    expect(events).toEqual(['reader-added:A', 'reader-added:B']);
    expect(released).toEqual(['A:service-stopped']);
  });
});

describe('readerWanted', () => {
  it('matches the name filter as text, case-insensitive; an empty filter takes every reader', () => {
    expect(readerWanted('Virtual PCD 00 00', 'virtual pcd')).toBe(true);
    expect(readerWanted('ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00', 'Virtual PCD')).toBe(
      false,
    );
    expect(readerWanted('anything', '')).toBe(true);
  });
});
