// The simulator's log fault: every call fails with a LogError while it is on.
import { describe, expect, it } from 'vitest';
import { withLogFault } from '../../../../../electron/core/simulation/fault-log';
import { simulatorFaults } from '../../../../../electron/core/simulation/simulation-control';
import { FakeLog } from '../session/fakes';

describe('simulation faults', () => {
  it('the log fails while down and works again after', () => {
    const inner = new FakeLog();
    const log = withLogFault(inner);
    log.setDown(true);
    expect(() => log.peekReceptionNumber()).toThrow(expect.objectContaining({ code: 'log.unwritable' }));
    expect(() =>
      log.record({
        startedAt: '2026-06-15T01:00:00.000Z',
        endedAt: '2026-06-15T01:00:01.000Z',
        terminal: 't',
        route: 'keyed',
        outcome: 'cancelled',
        consents: {},
        durations: { total: 1000 },
      }),
    ).toThrow();
    expect(inner.rows).toHaveLength(0);
    log.setDown(false);
    expect(log.peekReceptionNumber()).toBe(1);
  });

  it('keeps refused entries while down and writes them only once it is up', () => {
    const inner = new FakeLog();
    const log = withLogFault(inner);
    const entry = {
      startedAt: '2026-06-15T01:00:00.000Z',
      endedAt: '2026-06-15T01:00:01.000Z',
      terminal: 't',
      route: 'keyed',
      outcome: 'cancelled',
      consents: {},
      durations: { total: 1000 },
    } as const;
    log.setDown(true);
    log.keep(entry);
    expect(log.keptCount).toBe(1);
    expect(() => log.flushKept()).toThrow(expect.objectContaining({ code: 'log.unwritable' }));
    expect(inner.rows).toHaveLength(0);
    log.setDown(false);
    expect(log.flushKept()).toBe(1);
    expect(log.keptCount).toBe(0);
    expect(inner.rows).toEqual([expect.objectContaining({ id: 1, outcome: 'cancelled' })]);
  });

  it('maps the panel gateway faults to the simulator gateway', () => {
    expect(simulatorFaults('none')).toEqual({});
    expect(simulatorFaults('timeout')).toEqual({ timeout: true });
    expect(simulatorFaults('error')).toEqual({ error: 'gateway.unavailable' });
    expect(simulatorFaults('malformed')).toEqual({ malformed: true });
    expect(simulatorFaults('slow').latencyMs).toBeGreaterThan(0);
  });
});
