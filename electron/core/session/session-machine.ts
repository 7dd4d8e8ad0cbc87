// The check-in state machine: states and transitions, inactivity timers, endings logged once, the attempt's signal.
import { randomBytes } from 'node:crypto';
import type { CardLeft, CertificateState, ErrorReason, Screen, VisualPending } from '../../common/contract';
import { GatewayError, type QualificationResult } from '../gateway/qualification-gateway';
import { LogError } from '../log/confirmation-log';
import { isCardError } from '../../../native/card/card-error';
import type { Attempt, AttemptEnd } from './attempt-record';
import { AttemptRecorder } from './attempt-recorder';
import { CardLink, CardLinkClosed } from './card-link';
import { AttemptAborted, cardGoneCode, gatewayReason, isAttemptAborted, mapError } from './error-mapping';
import type { TimerHandle } from './ports';
import { PinRateLimiter } from './pin-rate-limit';
import type { CheckinSessionDeps, HealthProblem } from './session-deps';
import { viewResult } from './result-view';
import {
  SessionStateError,
  isResumable,
  pinGuard,
  timeoutKeyOf,
  type ResumableState,
  type SessionStateName,
  type State,
} from './session-state';
import { cardLeftOf, patientScreen, visualPendingOf, type ViewFacts } from './session-view';

/** Whatever a card step throws once its card has gone: a stale step of before a lift, dropped. */
const isCardSide = (error: unknown): boolean => isCardError(error) || error instanceof CardLinkClosed;

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
  protected cardPresent = true;
  /** Counts lifts mid-way: a card step started before a lift must not continue on the card put back. */
  protected lifts = 0;
  /** Staff were told that a card lies on the take-card screen. */
  protected leftAlerted = false;
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
  // Timeout, cancel, shutdown: every one ends the attempt safely, logged once (card removal: card-presence.ts).
  // ---------------------------------------------------------------------------------------------

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
  protected answered(): boolean {
    const k = this.state.k;
    return k === 'error' || k === 'registration-declined' || k === 'result';
  }

  /** Ends the session from outside (shutdown): no take-card screen, nothing left running. */
  abandon(): void {
    if (this.ended) return;
    if (!this.answered() && this.state.k !== 'take-card') this.logEnd({ outcome: 'cancelled' });
    this.finish();
  }

  /** The card left mid-way at a resumable step: the card-lifted screen (card-presence.ts). */
  protected abstract lift(from: ResumableState): void;

  /** The one timer ran out on the card-lifted or the take-card screen (card-presence.ts). */
  protected abstract cardTimerFired(): void;

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
      // Work under way (the gateway) moves the attempt on beneath the card-lifted screen; after the
      // resume window has closed, the step that needs the card ends the attempt instead.
      if (current.closed) this.cancelCardRemoved();
      else this.state = { ...current, from: state };
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

  protected armTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const seconds = this.timerSeconds;
    if (seconds === undefined) return;
    this.timer = this.deps.timers.after(seconds * 1000, () => {
      if (this.state.k === 'lifted' || this.state.k === 'take-card') this.cardTimerFired();
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
      if (this.state.k === 'lifted' && isCardSide(error)) {
        if (this.state.closed) this.cancelCardRemoved();
        return;
      }
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

  /** The card left and did not come back (or another card came): a cancel, `card.removed`. */
  protected cancelCardRemoved(): void {
    if (this.logEnd({ outcome: 'cancelled', errorCode: 'card.removed' })) this.end();
  }

  /** Commits the attempt's row once; false when the log refused (the session then ends out of service). */
  protected logEnd(end: Omit<AttemptEnd, 'endedAt'>): boolean {
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
  protected end(problem?: HealthProblem): void {
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
  protected finish(problem?: HealthProblem): void {
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
