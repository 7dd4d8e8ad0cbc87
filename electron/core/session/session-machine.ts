// The check-in state machine: states and transitions, inactivity timers, endings logged once, the attempt's signal.
import { randomBytes } from 'node:crypto';
import type {
  CertificateState,
  ConsentItem,
  ErrorReason,
  Screen,
  TimeoutSettings,
  VisualPending,
} from '../../common/contract';
import type { ReaderPort } from '../../../native/reader/reader-port';
import {
  GatewayError,
  type QualificationGateway,
  type QualificationResult,
} from '../gateway/qualification-gateway';
import { LogError, type ConfirmationLog } from '../log/confirmation-log';
import type { ClinicClock } from '../clock/clinic-clock';
import type { Attempt, AttemptEnd } from './attempt-record';
import { AttemptRecorder } from './attempt-recorder';
import { CardLink } from './card-link';
import { AttemptAborted, cardGoneCode, gatewayReason, isAttemptAborted, mapError } from './error-mapping';
import type { OpenCard, RulesPort, TimerHandle, Timers } from './ports';
import { PinRateLimiter, type PinSubmitLimits } from './pin-rate-limit';
import { viewResult } from './result-view';
import {
  SessionStateError,
  pinGuard,
  timeoutKeyOf,
  type SessionStateName,
  type State,
} from './session-state';
import { patientScreen, visualPendingOf, type ViewFacts } from './session-view';

export interface SessionSettings {
  terminalName: string;
  consentItems: readonly ConsentItem[];
  /** Ask whether the desk may use the 限度額 information (config `consent.limitScreen`). */
  limitConsentScreen: boolean;
  /** The patient's result screen shows the copay ratio and 限度額 class (config `resultScreen.showCopayAndLimit`). */
  resultShowsCopayAndLimit: boolean;
  timeouts: TimeoutSettings;
}

export type HealthProblem = 'gateway' | 'log';

export interface CheckinSessionDeps {
  reader: string;
  port: ReaderPort;
  openCard: OpenCard;
  gateway: QualificationGateway;
  log: ConfirmationLog;
  rules: RulesPort;
  clock: ClinicClock;
  timers: Timers;
  settings: SessionSettings;
  random?: (bytes: number) => Uint8Array;
  /** PIN submission limits; PIN_SUBMIT_LIMITS when not given. */
  pinLimits?: PinSubmitLimits;
  /** The patient screen changed. */
  onChange(): void;
  /** The session is over and has wiped its data; `problem` asks for the out-of-service screen. */
  onEnd(problem?: HealthProblem): void;
  /** A visual check started waiting, or stopped waiting. */
  onVisual(waiting: boolean): void;
  /** A row was committed to the log. */
  onRecorded(): void;
  /** The gateway looked unhealthy; the session goes on to its error screen. */
  onGatewayTrouble(): void;
  /** Work the session started on its own (background reads, the confirmation), so owners can await it. */
  track?(work: Promise<void>): void;
}

/**
 * One attempt's machine; the routes (checkin-session.ts) drive it. The attempt's signal aborts when the
 * attempt is over (error screen, cancel, card removal, timeout); every awaited card and gateway step
 * checks it on return, so a result that arrives late throws the abort reason, which `fail` drops,
 * instead of reaching the screen or the log.
 */
export abstract class SessionMachine {
  protected state: State = { k: 'reading' };
  protected certificateState: CertificateState = 'unknown';
  protected lastTryAcknowledged = false;
  private cardPresent = true;
  private timer: TimerHandle | undefined;
  private readonly abort = new AbortController();
  protected readonly link: CardLink;
  private readonly recorder: AttemptRecorder;
  protected readonly pinLimiter: PinRateLimiter;

  constructor(protected readonly deps: CheckinSessionDeps) {
    this.pinLimiter = new PinRateLimiter(deps.pinLimits);
    const random = deps.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
    const { reader, port, openCard } = deps;
    this.link = new CardLink({ reader, port, openCard, random }, this.abort.signal);
    this.recorder = new AttemptRecorder(
      { log: deps.log, onRecorded: () => deps.onRecorded() },
      {
        startedAt: deps.clock.now(),
        terminal: deps.settings.terminalName,
        reader,
        route: 'card-pin',
        consents: {},
      },
    );
  }

  get reader(): string {
    return this.deps.reader;
  }

  get stateName(): SessionStateName {
    return this.state.k;
  }

  get ended(): boolean {
    return this.state.k === 'ended';
  }

  /** Seconds of inactivity allowed on the current screen. */
  get timeoutSeconds(): number | undefined {
    const key = timeoutKeyOf[this.state.k];
    return key ? this.deps.settings.timeouts[key] : undefined;
  }

  /** The patient screen of this session: only what that screen shows. */
  screen(): Screen {
    return patientScreen(this.state, this.viewFacts());
  }

  /** For the staff console: a card waiting for a visual check. No personal data. */
  visualPending(): VisualPending | undefined {
    return visualPendingOf(this.state, this.deps.reader, this.deps.clock, this.viewFacts());
  }

  protected get attempt(): Attempt {
    return this.recorder.attempt;
  }

  protected get signal(): AbortSignal {
    return this.abort.signal;
  }

  private viewFacts(): ViewFacts {
    return {
      tokenKind: this.link.tokenKind,
      pinState: this.link.pinState,
      lastTryAcknowledged: this.lastTryAcknowledged,
      certificateState: this.certificateState,
      consentItems: this.deps.settings.consentItems,
      cardPresent: this.cardPresent,
      resultShowsCopayAndLimit: this.deps.settings.resultShowsCopayAndLimit,
    };
  }

  /** The checks before any VERIFY; false when the machine moved to the screen that explains why. */
  protected applyGuards(wrong: boolean): boolean {
    const verdict = pinGuard({
      certificateState: this.certificateState,
      tokenKind: this.link.tokenKind,
      pinState: this.link.pinState,
      lastTryAcknowledged: this.lastTryAcknowledged,
    });
    if (verdict.k === 'verify') return true;
    if (verdict.k === 'choose') this.enter({ k: 'choose-auth', reason: verdict.reason, wrong });
    else this.fail(null, verdict.reason, verdict.code);
    return false;
  }

  /**
   * The result reaches the screen only after its log row is committed; the log issues the reception
   * number in that same commit (every ending with an answer gets one: see session/README.md). A refused
   * commit keeps the row, without a number, and the kiosk goes out of service until the log recovers.
   */
  protected showResult(result: QualificationResult): void {
    const view = viewResult(result, this.certificateState, this.deps.clock.today());
    const commit = this.recorder.commitAnswer(
      { outcome: view.outcome, endedAt: this.deps.clock.now(), result, copayTenths: view.copay?.tenths },
      this.signal,
    );
    if (!commit.ok) {
      this.end('log');
      return;
    }
    this.enter({ k: 'result', view, receptionNumber: commit.receptionNumber });
  }

  resultDone(): void {
    if (this.state.k !== 'result') throw new SessionStateError('結果の画面ではありません');
    if (this.cardPresent) this.enter({ k: 'take-card' });
    else this.end();
  }

  /** Activity on the current screen: restart its inactivity timer. */
  touch(): void {
    if (!this.ended) this.armTimer();
  }

  // ---------------------------------------------------------------------------------------------
  // Card removal, timeout, cancel: every one ends the attempt safely, logged once.
  // ---------------------------------------------------------------------------------------------

  cardRemoved(): void {
    if (this.ended) return;
    this.cardPresent = false;
    if (this.state.k === 'result') return; // the patient may still read the result
    if (this.state.k !== 'error') this.logEnd({ outcome: 'cancelled', errorCode: 'card.removed' });
    this.end();
  }

  cancel(): void {
    if (this.ended) return;
    if (this.state.k !== 'error') this.logEnd({ outcome: 'cancelled' });
    this.end();
  }

  private timedOut(): void {
    if (this.ended) return;
    if (this.state.k !== 'error') {
      this.logEnd({ outcome: 'timed-out', errorCode: `session.timeout-${this.state.k}` });
    }
    this.end();
  }

  /** Ends the session from outside (shutdown, out of service). */
  abandon(): void {
    this.cancel();
  }

  // ---------------------------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------------------------

  protected run(work: Promise<void>): void {
    this.deps.track?.(work);
  }

  /** Runs one step of the attempt; whatever it throws ends on the error screen (or is dropped as stale). */
  protected async guarded(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.fail(error);
    }
  }

  protected enter(state: State): void {
    if (this.ended) return;
    const wasVisual = this.state.k === 'visual-wait';
    if (state.k === 'pin' && this.state.k !== 'pin')
      this.pinLimiter.pinShown(this.deps.clock.now().getTime());
    this.state = state;
    if (wasVisual && state.k !== 'visual-wait') this.deps.onVisual(false);
    this.armTimer();
    this.deps.onChange();
  }

  private armTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const seconds = this.timeoutSeconds;
    if (seconds !== undefined) this.timer = this.deps.timers.after(seconds * 1000, () => this.timedOut());
  }

  /**
   * Runs a gateway call with the attempt's signal; a gateway failure goes to the error screen and the
   * log (undefined), and an answer that arrives after the attempt ended throws the abort reason.
   */
  protected async gatewayCall<T>(
    call: (signal: AbortSignal) => Promise<T>,
    reason?: ErrorReason,
  ): Promise<{ value: T } | undefined> {
    let value: T;
    try {
      value = await call(this.signal);
    } catch (error) {
      this.signal.throwIfAborted();
      if (!(error instanceof GatewayError)) throw error;
      if (error.code === 'gateway.unavailable') this.deps.onGatewayTrouble();
      this.fail(null, reason ?? gatewayReason(error), error.code, 'error', error.systemCode);
      return undefined;
    }
    this.signal.throwIfAborted();
    return { value };
  }

  /**
   * Ends the attempt on its error screen and logs it. With `error` set, the code and reason come from
   * the thrown error; card removal mid-operation counts as a cancel; the abort reason of an attempt
   * already over is dropped.
   */
  protected fail(
    error: unknown,
    reason?: ErrorReason,
    code?: string,
    outcome: 'error' | 'cancelled' = 'error',
    systemCode?: string,
  ): void {
    // A later failure never replaces an error screen or a committed result.
    if (this.ended || this.state.k === 'error' || this.state.k === 'result' || this.state.k === 'take-card')
      return;
    if (error !== null && error !== undefined) {
      if (isAttemptAborted(error)) return;
      const gone = cardGoneCode(error);
      if (gone) {
        this.cardPresent = this.deps.port.cardPresent(this.deps.reader);
        this.logEnd({ outcome: 'cancelled', errorCode: gone });
        this.end();
        return;
      }
      if (error instanceof LogError) {
        this.recorder.keepRefused(error, this.deps.clock.now());
        this.end('log');
        return;
      }
      ({ reason, code } = mapError(error));
    }
    const finalReason = reason ?? 'internal';
    const finalCode = code ?? 'session.internal';
    if (!this.logEnd({ outcome, errorCode: finalCode, ...(systemCode ? { systemCode } : {}) })) return;
    // The attempt is over: work still running is stale from here on.
    this.abort.abort(new AttemptAborted());
    this.link.release();
    this.enter({ k: 'error', reason: finalReason, code: finalCode });
  }

  /** Commits the attempt's row once; false when the log refused (the session then ends out of service). */
  private logEnd(end: Omit<AttemptEnd, 'endedAt'>): boolean {
    const commit = this.recorder.commit({ ...end, endedAt: this.deps.clock.now() });
    if (!commit.ok) this.end('log');
    return commit.ok;
  }

  /** Aborts the attempt, wipes every secret and personal datum, then tells the owner. Idempotent. */
  private end(problem?: HealthProblem): void {
    if (this.ended) return;
    const wasVisual = this.state.k === 'visual-wait';
    this.state = { k: 'ended' };
    this.timer?.cancel();
    this.timer = undefined;
    this.abort.abort(new AttemptAborted());
    this.link.wipe();
    this.attempt.consents = {};
    delete this.attempt.limitConsent;
    delete this.attempt.certificateSerialHash;
    if (wasVisual) this.deps.onVisual(false);
    this.deps.onEnd(problem);
  }
}
