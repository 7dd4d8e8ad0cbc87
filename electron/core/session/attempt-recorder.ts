// Commits one attempt's log row exactly once, or keeps it for later when the log refuses (card and keyed routes).
import { refusalCodeOf, type ConfirmationLog } from '../log/confirmation-log';
import type { QualificationResult } from '../gateway/qualification-gateway';
import { buildRecord, type Attempt, type AttemptEnd } from './attempt-record';

export interface AttemptRecorderDeps {
  log: ConfirmationLog;
  /** A row was committed. */
  onRecorded(): void;
}

/** A commit either landed or was refused and the row kept. */
export type Commit = { ok: true } | { ok: false; error: unknown };

/** An answer's commit landed with its reception number, or was refused and the row kept without one. */
export type AnswerCommit = { ok: true; receptionNumber: number } | { ok: false; error: unknown };

/** An attempt's row was asked to be committed a second time: every attempt is logged exactly once. */
export class AttemptAlreadyRecorded extends Error {
  override readonly name = 'AttemptAlreadyRecorded';
  readonly code = 'session.already-recorded';
  constructor() {
    super('this attempt is already on record');
  }
}

/**
 * Every attempt is logged exactly once. A row the log refuses is handed to `log.keep()`, to be written
 * before anything newer once the log takes writes again (session/README.md, "Out of service").
 */
export class AttemptRecorder {
  private done = false;

  constructor(
    private readonly deps: AttemptRecorderDeps,
    readonly attempt: Attempt,
  ) {}

  /** The attempt's row is on record or kept. */
  get committed(): boolean {
    return this.done;
  }

  /** Commits an ending without an answer shown (error, cancel, timeout); a later call does nothing. */
  commit(end: AttemptEnd): Commit {
    if (this.done) return { ok: true };
    this.done = true;
    const row = buildRecord(this.attempt, end);
    try {
      this.deps.log.record(row);
    } catch (error) {
      this.deps.log.keep(row);
      return { ok: false, error };
    }
    this.deps.onRecorded();
    return { ok: true };
  }

  /**
   * Commits an ending with an answer: the log issues the reception number in the row's own commit, and
   * only then may it be shown (session/README.md, "Reception numbers"). A refused commit keeps the row
   * as an error with the log's code and no number: the answer was never shown. An answer that arrives
   * after the attempt's signal aborted is stale and not committed at all.
   */
  commitAnswer(end: AttemptEnd & { result: QualificationResult }, signal?: AbortSignal): AnswerCommit {
    signal?.throwIfAborted();
    if (this.done) throw new AttemptAlreadyRecorded();
    this.done = true;
    try {
      const { receptionNumber } = this.deps.log.recordNumbered(buildRecord(this.attempt, end));
      this.deps.onRecorded();
      return { ok: true, receptionNumber };
    } catch (error) {
      this.deps.log.keep(buildRecord(this.attempt, refusedEnd(end, error)));
      return { ok: false, error };
    }
  }

  /** The log refused a write elsewhere: keep this attempt's row as an error with the log's code, unless one is on record. */
  keepRefused(error: unknown, endedAt: Date, result?: QualificationResult): void {
    if (this.done) return;
    this.done = true;
    this.deps.log.keep(
      buildRecord(this.attempt, {
        outcome: 'error',
        errorCode: refusalCodeOf(error),
        endedAt,
        ...(result ? { result } : {}),
      }),
    );
  }
}

function refusedEnd(end: AttemptEnd, error: unknown): AttemptEnd {
  return {
    outcome: 'error',
    errorCode: refusalCodeOf(error),
    endedAt: end.endedAt,
    ...(end.result ? { result: end.result } : {}),
    ...(end.keyed ? { keyed: end.keyed } : {}),
  };
}
