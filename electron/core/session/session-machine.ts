// The check-in state machine: states and transitions, inactivity timers, endings logged once, the attempt's signal.
import { randomBytes } from 'node:crypto';
import type {
  CardLeft,
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
import { isCardError } from '../../../native/card/card-error';
import { hashSerial, type Attempt, type AttemptEnd } from './attempt-record';
import { AttemptRecorder } from './attempt-recorder';
import { CardLink, CardLinkClosed } from './card-link';
import { AttemptAborted, cardGoneCode, gatewayReason, isAttemptAborted, mapError } from './error-mapping';
import type { OpenCard, RulesPort, TimerHandle, Timers } from './ports';
import { PinRateLimiter, type PinSubmitLimits } from './pin-rate-limit';
import { viewResult } from './result-view';
import {
  SessionStateError,
  isResumable,
  pinGuard,
  resumeTarget,
  timeoutKeyOf,
  type ResumableState,
  type SessionStateName,
  type State,
} from './session-state';
import { cardLeftOf, patientScreen, visualPendingOf, type ViewFacts } from './session-view';

/** Whatever a card step throws once its card has gone: a stale step of before a lift, dropped. */
const isCardSide = (error: unknown): boolean => isCardError(error) || error instanceof CardLinkClosed;

export interface SessionSettings {
  terminalName: string;
  consentItems: readonly ConsentItem[];
  /** Ask whether the desk may use the 限度額 information (config `consent.limitScreen`). */
  limitConsentScreen: boolean;
  /** The patient's result screen shows the copay ratio and 限度額 class (config `resultScreen.showCopayAndLimit`). */
  resultShowsCopayAndLimit: boolean;
  timeouts: TimeoutSettings;
  /** Seconds a lifted card has to come back, and a message stays readable after the card leaves (config `card.*`). */
  card: { resume: number; afterLift: number };
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
  /** The log refused a row while the card is still on the reader: out of service once the card is taken. */
  onProblem?(problem: HealthProblem): void;
  /** A card has lain on the take-card screen past `timeouts.takeCard` (true), or that card was taken (false). */
  onCardLeft?(left: boolean): void;
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
  /** Counts lifts mid-way: a card step started before a lift must not continue on the card put back. */
  protected lifts = 0;
  /** Staff were told that a card lies on the take-card screen. */
  private leftAlerted = false;
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

  /**
   * Seconds of inactivity allowed on the current screen (the renderer warns before it runs out). None on
   * the take-card screen, which waits for the card, nor on the card-lifted screen, which counts its own.
   * A message the patient must read stays `card.afterLift` seconds once the card has left.
   */
  get timeoutSeconds(): number | undefined {
    const s = this.state;
    if (!this.cardPresent && (s.k === 'error' || s.k === 'registration-declined' || s.k === 'result')) {
      return this.deps.settings.card.afterLift;
    }
    const key = timeoutKeyOf[s.k];
    return key ? this.deps.settings.timeouts[key] : undefined;
  }

  /** What the machine's one timer waits for now: the screen's timeout, the resume window, the staff alert. */
  private get timerSeconds(): number | undefined {
    if (this.state.k === 'lifted') return this.deps.settings.card.resume;
    if (this.state.k === 'take-card')
      return this.leftAlerted ? undefined : this.deps.settings.timeouts.takeCard;
    return this.timeoutSeconds;
  }

  /** The card on this reader is the one a running step uses (false: lifted, or taken at the end). */
  get cardOnReader(): boolean {
    return this.cardPresent;
  }

  /** The patient screen of this session: only what that screen shows. */
  screen(): Screen {
    return patientScreen(this.state, this.viewFacts());
  }

  /** For the staff console: a card waiting for a visual check. No personal data. */
  visualPending(): VisualPending | undefined {
    return visualPendingOf(this.state, this.deps.reader, this.deps.clock, this.viewFacts());
  }

  /** For the staff console: a card left on the take-card screen past `timeouts.takeCard`. */
  cardLeft(): CardLeft | undefined {
    return cardLeftOf(this.state, this.deps.reader, this.deps.clock, this.leftAlerted);
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
      resumeSeconds: this.deps.settings.card.resume,
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
    this.end();
  }

  /** Activity on the current screen: restart its inactivity timer. */
  touch(): void {
    if (!this.ended) this.armTimer();
  }

  // ---------------------------------------------------------------------------------------------
  // Card removal, timeout, cancel: every one ends the attempt safely, logged once.
  // ---------------------------------------------------------------------------------------------

  /**
   * The card left the reader. On the take-card screen that ends the session. A message the patient
   * must read (error, registration declined, result) stays `card.afterLift` seconds. Mid-way, once the
   * card is known by its certificate, the card-lifted screen waits `card.resume` seconds for it.
   */
  cardRemoved(): void {
    if (this.ended) return;
    this.cardPresent = false;
    const s = this.state;
    switch (s.k) {
      case 'take-card':
        this.finish();
        return;
      case 'lifted':
        return;
      case 'result':
      case 'error':
      case 'registration-declined':
        this.armTimer();
        this.deps.onChange();
        return;
      default:
        if (isResumable(s) && this.attempt.certificateSerialHash) {
          this.lift(s);
          return;
        }
        this.logEnd({ outcome: 'cancelled', errorCode: 'card.removed' });
        this.end();
    }
  }

  /** A card was placed on this reader while the session shows a screen that needs no card. */
  cardBack(): void {
    if (this.ended || this.state.k === 'lifted' || this.cardPresent) return;
    this.cardPresent = true;
    // A message being read after the lift now waits for the card to be taken again.
    this.armTimer();
    this.deps.onChange();
  }

  /** やめる: logged as a cancel; with the card still there, the take-card screen follows. */
  cancel(): void {
    if (this.ended || this.state.k === 'take-card') return;
    if (!this.answered()) this.logEnd({ outcome: 'cancelled' });
    this.end();
  }

  private timedOut(): void {
    if (this.ended) return;
    if (!this.answered()) {
      this.logEnd({ outcome: 'timed-out', errorCode: `session.timeout-${this.state.k}` });
    }
    this.end();
  }

  /** The attempt already has its row: an error, a declined registration or a result. */
  private answered(): boolean {
    const k = this.state.k;
    return k === 'error' || k === 'registration-declined' || k === 'result';
  }

  /** Ends the session from outside (shutdown): no take-card screen, nothing left running. */
  abandon(): void {
    if (this.ended) return;
    if (!this.answered() && this.state.k !== 'take-card') this.logEnd({ outcome: 'cancelled' });
    this.finish();
  }

  /** The reader or its service went away: the card can no longer be seen, so the session ends now. */
  readerLost(): void {
    if (this.ended) return;
    this.cardPresent = false;
    if (!this.answered() && this.state.k !== 'take-card') {
      this.logEnd({ outcome: 'cancelled', errorCode: 'card.reader-gone' });
    }
    this.finish();
  }

  // ---------------------------------------------------------------------------------------------
  // Lifted mid-way: the card-lifted screen, and the same card put back
  // ---------------------------------------------------------------------------------------------

  /** Powers the card off (a verified PIN never survives, my-number-card.md §10 pitfall 3) and waits. */
  private lift(from: ResumableState): void {
    this.lifts += 1;
    this.link.release();
    if (this.link.pinState?.state === 'verified') this.link.pinState = undefined;
    this.state = { k: 'lifted', from, since: this.deps.clock.now() };
    if (from.k === 'visual-wait') this.deps.onVisual(false);
    this.armTimer();
    this.deps.onChange();
  }

  /**
   * A card was placed while the card-lifted screen shows. The same card (its certificate serial) takes
   * up the attempt where the card is needed again, with everything chosen so far; any other card ends
   * this attempt (a cancel, `card.removed`) and the answer is false, so the owner starts a new one.
   */
  async cardReturned(): Promise<boolean> {
    if (this.state.k !== 'lifted') {
      this.cardBack();
      return true;
    }
    this.cardPresent = true;
    const lifts = this.lifts;
    let same = false;
    try {
      await this.link.openShared();
      const serial = await this.link.readSerial();
      same = serial !== undefined && hashSerial(serial) === this.attempt.certificateSerialHash;
    } catch (error) {
      if (isAttemptAborted(error)) return true;
      same = false;
    }
    const s = this.state;
    if (this.ended) return true;
    if (s.k !== 'lifted' || this.lifts !== lifts || !this.cardPresent) {
      // The answer came meanwhile, or the card left again: nothing of this card is needed now.
      if (s.k !== 'lifted' || this.lifts !== lifts) return true;
      this.link.release();
      return true;
    }
    if (!same) {
      this.link.release();
      this.cardPresent = false;
      this.logEnd({ outcome: 'cancelled', errorCode: 'card.removed' });
      this.end();
      return false;
    }
    await this.resume(s.from);
    return true;
  }

  private async resume(from: ResumableState): Promise<void> {
    const route = this.attempt.route === 'card-visual' ? 'card-visual' : 'card-pin';
    const target = resumeTarget(from, { route, signed: this.link.signature !== undefined });
    if (target === 'from') {
      this.state = from;
      if (from.k === 'visual-wait') this.resumeVisual();
      else this.enter(from);
      return;
    }
    // The tries left are read again before the PIN pad shows; the card-lifted screen stays meanwhile, so
    // nothing can be submitted before them.
    const lifts = this.lifts;
    try {
      await this.link.readPinStatus();
    } catch (error) {
      if (this.ended || this.state.k !== 'lifted' || this.lifts !== lifts || !this.cardPresent) return;
      this.state = from;
      this.fail(error);
      return;
    }
    const s = this.state;
    if (this.ended || s.k !== 'lifted' || this.lifts !== lifts) return;
    this.state = s.from;
    if (this.applyGuards(false)) this.enter({ k: 'pin', wrong: false });
  }

  /** Back to waiting for staff 目視確認: the request shows on the staff console again. */
  protected abstract resumeVisual(): void;

  private resumeExpired(): void {
    if (this.state.k !== 'lifted') return;
    this.logEnd({ outcome: 'cancelled', errorCode: 'card.removed' });
    this.end();
  }

  private takeCardTimer(): void {
    if (this.state.k !== 'take-card' || this.leftAlerted) return;
    this.leftAlerted = true;
    this.deps.onCardLeft?.(true);
  }

  // ---------------------------------------------------------------------------------------------
  // Internals
  // ---------------------------------------------------------------------------------------------

  protected run(work: Promise<void>): void {
    this.deps.track?.(work);
  }

  /** Runs one step of the attempt; whatever it throws ends on the error screen (or is dropped as stale). */
  protected async guarded(step: () => Promise<void>): Promise<void> {
    const lifts = this.lifts;
    try {
      await step();
    } catch (error) {
      // A card step of before a lift: the card put back is taken up by the resume, not by this step.
      if (this.lifts !== lifts && isCardSide(error)) return;
      this.fail(error);
    }
  }

  protected enter(state: State): void {
    if (this.ended) return;
    const current = this.state;
    if (current.k === 'lifted' && isResumable(state)) {
      // Work under way (the gateway) moves the attempt on beneath the card-lifted screen.
      this.state = { ...current, from: state };
      return;
    }
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
    const seconds = this.timerSeconds;
    if (seconds === undefined) return;
    this.timer = this.deps.timers.after(seconds * 1000, () => {
      if (this.state.k === 'lifted') this.resumeExpired();
      else if (this.state.k === 'take-card') this.takeCardTimer();
      else this.timedOut();
    });
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
    // A later failure never replaces an error screen, a declined registration or a committed result.
    if (this.ended || this.answered() || this.state.k === 'take-card') return;
    if (error !== null && error !== undefined) {
      if (isAttemptAborted(error)) return;
      // The card went away under a card step: the lift is handled (or being handled) as a lift.
      if (this.state.k === 'lifted' && isCardSide(error)) return;
      const gone = cardGoneCode(error);
      if (gone) {
        this.cardPresent = this.deps.port.cardPresent(this.deps.reader);
        const s = this.state;
        if (
          !this.cardPresent &&
          gone === 'card.removed' &&
          isResumable(s) &&
          this.attempt.certificateSerialHash
        ) {
          this.lift(s);
          return;
        }
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

  /** Registration declined: logged as a cancel, ended on a neutral notice (then take-card). */
  protected declineRegistration(): void {
    if (!this.logEnd({ outcome: 'cancelled', errorCode: 'session.registration-declined' })) return;
    this.abort.abort(new AttemptAborted());
    this.link.release();
    this.enter({ k: 'registration-declined' });
  }

  /**
   * The attempt is over. With the card still on the reader the take-card screen follows and stays until
   * the card is taken (a problem, e.g. the log refusing the row, goes to the owner at once, so the
   * kiosk is out of service once the card is taken); without it the session ends.
   */
  private end(problem?: HealthProblem): void {
    if (this.ended || this.state.k === 'take-card') return;
    if (!this.cardPresent) {
      this.finish(problem);
      return;
    }
    const wasVisual = this.state.k === 'visual-wait';
    this.wipe();
    this.state = { k: 'take-card', since: this.deps.clock.now() };
    if (wasVisual) this.deps.onVisual(false);
    if (problem) this.deps.onProblem?.(problem);
    this.armTimer();
    this.deps.onChange();
  }

  /** Aborts the attempt, wipes every secret and personal datum, then tells the owner. Idempotent. */
  private finish(problem?: HealthProblem): void {
    if (this.ended) return;
    const wasVisual = this.state.k === 'visual-wait';
    this.state = { k: 'ended' };
    this.wipe();
    if (wasVisual) this.deps.onVisual(false);
    if (this.leftAlerted) this.deps.onCardLeft?.(false);
    this.deps.onEnd(problem);
  }

  private wipe(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.abort.abort(new AttemptAborted());
    this.link.wipe();
    this.attempt.consents = {};
    delete this.attempt.limitConsent;
    delete this.attempt.certificateSerialHash;
  }
}
