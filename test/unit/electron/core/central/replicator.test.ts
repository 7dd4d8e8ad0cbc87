// What the replicator makes of errors, that it stops at once when asked, and which staff-need events it ships.
import { describe, expect, it, vi } from 'vitest';
import { CentralError } from '../../../../../electron/core/central/central-error';
import type { LocalLogSource } from '../../../../../electron/core/central/local-source';
import {
  classifyCentralError,
  createReplicator,
  staffEventChanges,
  type ReplicationStatus,
} from '../../../../../electron/core/central/replicator';

/** A DatabaseError as the pg client raises it: the message and the SQLSTATE in `code`. */
const sqlError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('classifyCentralError', () => {
  it('reads our own refusals from their SQLSTATE', () => {
    expect(classifyCentralError(sqlError('KC001', 'row 5 does not continue')).code).toBe(
      'central.chain-break',
    );
    expect(classifyCentralError(sqlError('KC002', 'row 1 differs')).code).toBe('central.tampering');
  });

  it('counts connection exceptions, operator intervention and resource classes as the server away', () => {
    // PostgreSQL Appendix A: 08 connection exception, 53 insufficient resources, 57 operator intervention
    // (57P01 admin_shutdown on a restart), 58 system error.
    for (const code of ['08006', '08001', '53300', '57P01', '57P03', '58030']) {
      expect(classifyCentralError(sqlError(code)).code, code).toBe('central.unreachable');
    }
  });

  it('counts socket errors and timeouts (no SQLSTATE) as the server away', () => {
    expect(
      classifyCentralError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code,
    ).toBe('central.unreachable');
    expect(classifyCentralError(new Error('Query read timeout')).code).toBe('central.unreachable');
    expect(classifyCentralError(new Error('Connection terminated unexpectedly')).code).toBe(
      'central.unreachable',
    );
  });

  it('counts a missing privilege or login as the terminal refused, and a missing schema as such', () => {
    expect(classifyCentralError(sqlError('42501')).code).toBe('central.refused');
    expect(classifyCentralError(sqlError('28P01')).code).toBe('central.refused');
    expect(classifyCentralError(sqlError('42P01')).code).toBe('central.schema');
  });

  it('counts a server certificate that does not check out as a refusal to fix, not an outage', () => {
    for (const code of [
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'CERT_HAS_EXPIRED',
    ]) {
      const result = classifyCentralError(Object.assign(new Error('certificate'), { code }));
      expect(result.code, code).toBe('central.refused');
      expect(result.detail).toMatch(/^TLS: /);
    }
  });

  it('keeps the code of our own errors', () => {
    expect(classifyCentralError(new CentralError('central.local-gap', 'hole')).code).toBe(
      'central.local-gap',
    );
  });
});

const emptySource: LocalLogSource = {
  rowsAfter: () => [],
  purgesAfter: () => [],
  headId: () => 0,
  oldestUnshippedAt: () => undefined,
  close: () => undefined,
};

const refused = (): Promise<never> =>
  Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

describe('replicator loop', () => {
  it('reports an outage once however many tries fail, keeping its marks', async () => {
    const statuses: ReplicationStatus[] = [];
    const connect = vi.fn(refused);
    const replicator = createReplicator({
      source: emptySource,
      state: { read: () => ({ shippedId: 7, shippedPurgeId: 0 }), write: () => undefined },
      connect,
      nowMs: () => 0,
      backoff: { initialMs: 2, maxMs: 4 },
      onStatus: (s) => statuses.push(s),
    });
    const controller = new AbortController();
    const done = replicator.run(controller.signal);
    await vi.waitFor(() => expect(connect.mock.calls.length).toBeGreaterThanOrEqual(4));
    controller.abort();
    await done;
    expect(statuses.map((s) => s.state)).toEqual(['central.unreachable']);
    expect(replicator.status()).toMatchObject({ state: 'central.unreachable', shippedId: 7 });
  });

  it('stops at once when aborted in the middle of a long wait', async () => {
    const connect = vi.fn(refused);
    const replicator = createReplicator({
      source: emptySource,
      state: { read: () => ({ shippedId: 0, shippedPurgeId: 0 }), write: () => undefined },
      connect,
      nowMs: () => 0,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    const controller = new AbortController();
    const done = replicator.run(controller.signal);
    await vi.waitFor(() => expect(connect).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    controller.abort();
    await done;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(connect).toHaveBeenCalledTimes(1);
  });
});

describe('nudge', () => {
  it('does not cut short the wait after a failure: the backoff holds while the server is away', async () => {
    const connect = vi.fn(refused);
    const replicator = createReplicator({
      source: emptySource,
      state: { read: () => ({ shippedId: 0, shippedPurgeId: 0 }), write: () => undefined },
      connect,
      nowMs: () => 0,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    const controller = new AbortController();
    const done = replicator.run(controller.signal);
    await vi.waitFor(() => expect(connect).toHaveBeenCalledTimes(1));
    for (let i = 0; i < 5; i += 1) {
      replicator.nudge();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(connect).toHaveBeenCalledTimes(1);
    controller.abort();
    await done;
  });
});

describe('staffEventChanges', () => {
  it('raises what is new, clears what is over, and leaves alone what the server already holds', () => {
    const shipped = new Map([
      ['visual-pending\u0000R1', { kind: 'visual-pending' as const, reader: 'R1' }],
      ['card-left\u0000R2', { kind: 'card-left' as const, reader: 'R2' }],
    ]);
    expect(
      staffEventChanges(shipped, [
        { kind: 'visual-pending', reader: 'R1' },
        { kind: 'out-of-service', reader: '' },
      ]),
    ).toEqual([
      { kind: 'out-of-service', reader: '', active: true },
      { kind: 'card-left', reader: 'R2', active: false },
    ]);
  });

  it('tells the same kind at two readers apart', () => {
    expect(
      staffEventChanges(new Map(), [
        { kind: 'card-left', reader: 'R1' },
        { kind: 'card-left', reader: 'R2' },
      ]),
    ).toHaveLength(2);
  });
});
