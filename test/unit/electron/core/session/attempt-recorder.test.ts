// The attempt recorder: one row per attempt, numbers issued in the commit, refused rows kept, stale answers dropped.
import { describe, expect, it } from 'vitest';
import { AttemptRecorder } from '../../../../../electron/core/session/attempt-recorder';
import type { Attempt } from '../../../../../electron/core/session/attempt-record';
import { AttemptAborted } from '../../../../../electron/core/session/error-mapping';
import { FakeLog, ManualClock, NOW, result } from './fakes';

const attempt = (): Attempt => ({ startedAt: NOW, terminal: '受付1', route: 'keyed', consents: {} });

function setup() {
  const log = new FakeLog(new ManualClock());
  const recorded: string[] = [];
  const recorder = new AttemptRecorder({ log, onRecorded: () => recorded.push('recorded') }, attempt());
  return { log, recorded, recorder };
}

describe('attempt recorder', () => {
  it('commits an ending once; a second commit does nothing', () => {
    const { log, recorded, recorder } = setup();
    expect(recorder.commit({ outcome: 'cancelled', endedAt: NOW })).toEqual({ ok: true });
    expect(recorder.commit({ outcome: 'timed-out', endedAt: NOW })).toEqual({ ok: true });
    expect(log.rows.map((r) => r.outcome)).toEqual(['cancelled']);
    expect(recorded).toEqual(['recorded']);
    expect(recorder.committed).toBe(true);
  });

  it('a refused ending is kept as built', () => {
    const { log, recorded, recorder } = setup();
    log.refuseWrites = 'log.disk-full';
    const commit = recorder.commit({ outcome: 'error', errorCode: 'gateway.timeout', endedAt: NOW });
    expect(commit.ok).toBe(false);
    expect(log.kept).toMatchObject([{ outcome: 'error', errorCode: 'gateway.timeout' }]);
    expect(recorded).toEqual([]);
  });

  it('an answer gets its reception number in its own commit', () => {
    const { log, recorder } = setup();
    const commit = recorder.commitAnswer({ outcome: 'confirmed', endedAt: NOW, result: result() });
    expect(commit).toEqual({ ok: true, receptionNumber: 1 });
    expect(log.rows[0]).toMatchObject({ outcome: 'confirmed', receptionNumber: 1 });
  });

  it('a refused answer is kept as an error with the log code, without a number', () => {
    const { log, recorder } = setup();
    log.refuseWrites = 'log.locked';
    const commit = recorder.commitAnswer({ outcome: 'confirmed', endedAt: NOW, result: result() });
    expect(commit.ok).toBe(false);
    expect(log.kept).toHaveLength(1);
    expect(log.kept[0]).toMatchObject({ outcome: 'error', errorCode: 'log.locked', validity: 1 });
    expect(log.kept[0]?.receptionNumber).toBeUndefined();
  });

  it('an answer after the attempt aborted is stale: nothing is committed or kept', () => {
    const { log, recorder } = setup();
    const abort = new AbortController();
    abort.abort(new AttemptAborted());
    expect(() =>
      recorder.commitAnswer({ outcome: 'confirmed', endedAt: NOW, result: result() }, abort.signal),
    ).toThrow(AttemptAborted);
    expect(log.rows).toHaveLength(0);
    expect(log.kept).toHaveLength(0);
    expect(recorder.committed).toBe(false);
  });

  it('an answer for an attempt already on record is refused', () => {
    const { recorder } = setup();
    recorder.commit({ outcome: 'cancelled', endedAt: NOW });
    expect(() => recorder.commitAnswer({ outcome: 'confirmed', endedAt: NOW, result: result() })).toThrow(
      expect.objectContaining({ code: 'session.already-recorded' }),
    );
  });

  it('keeps the row of a refusal met elsewhere, unless one is on record', () => {
    const { log, recorder } = setup();
    recorder.keepRefused(new Error('disk gone'), NOW);
    recorder.keepRefused(new Error('again'), NOW);
    expect(log.kept).toMatchObject([{ outcome: 'error', errorCode: 'log.unwritable' }]);
  });
});
