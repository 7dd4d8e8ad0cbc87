// One patient's check-in on one reader: the card + PIN and card + 目視確認 routes as a state machine.
import { randomBytes } from 'node:crypto';
import type {
  CertificateState,
  ConsentItem,
  ErrorReason,
  Screen,
  TimeoutSettings,
  TokenKind,
  VisualPending,
} from '../../common/contract';
import { isCardError, type CardError } from '../../../native/card/card-error';
import type { CardConnection, ReaderPort } from '../../../native/pcsc/reader-port';
import {
  GatewayError,
  type CardConfirmation,
  type QualificationGateway,
  type QualificationResult,
} from '../gateway/qualification-gateway';
import { LogError, refusalCodeOf, type ConfirmationLog } from '../log/confirmation-log';
import type { ClinicClock } from '../clock/clinic-clock';
import { buildRecord, hashSerial, type Attempt, type AttemptEnd } from './attempt-record';
import type {
  AuthCertificate,
  JpkiCardLike,
  OpenCard,
  PinState,
  RulesPort,
  TimerHandle,
  Timers,
} from './ports';
import { PinRateLimiter, type PinSubmitLimits } from './pin-rate-limit';
import { patientPerson, viewResult, type ResultView } from './result-view';

/** Bytes of the fresh challenge the card signs after VERIFY (my-number-card.md §5.2). */
export const CHALLENGE_BYTES = 32;

/**
 * What goes into the request when the clinic has switched the 限度額 consent screen off: since the
 * 2024-10-07 release the national readers no longer ask, because providing 限度額 information is
 * statutory (oqs-and-insurance.md §3).
 */
export const LIMIT_CONSENT_WHEN_NOT_ASKED = true;

/**
 * An iPhone holder authenticates with Face ID / Touch ID on the phone, not with a PIN on the reader
 * (oqs-and-insurance.md §5). Unconfirmed over PC/SC (my-number-card.md §6.1: iPhone behaviour unknown):
 * when an iPhone token already reports its PIN as verified, the kiosk signs without asking for a PIN.
 */
export const IPHONE_AUTHENTICATES_ON_PHONE = true;

export interface SessionSettings {
  terminalName: string;
  consentItems: readonly ConsentItem[];
  limitConsentScreen: boolean;
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

type ChooseReason = 'last-try' | 'pin-locked' | 'no-pin';

type State =
  | { k: 'reading' }
  | { k: 'pin'; wrong: boolean }
  | { k: 'choose-auth'; reason: ChooseReason; wrong: boolean }
  | { k: 'processing'; step: 'verifying' | 'registering' | 'confirming' }
  | { k: 'visual-wait'; since: Date }
  | { k: 'registration' }
  | { k: 'consent'; choices: Partial<Record<ConsentItem, boolean>> }
  | { k: 'limit-consent' }
  | { k: 'result'; view: ResultView; receptionNumber: number }
  | { k: 'take-card' }
  | { k: 'error'; reason: ErrorReason; code: string }
  | { k: 'ended' };

export type SessionStateName = State['k'];

/** Thrown for an intent the current screen does not allow; the core turns it into session.invalid-state. */
export class SessionStateError extends Error {
  override readonly name = 'SessionStateError';
}

const timeoutKeyOf: Partial<Record<SessionStateName, keyof TimeoutSettings>> = {
  reading: 'reading',
  pin: 'pin',
  'choose-auth': 'chooseAuth',
  'visual-wait': 'visualWait',
  registration: 'registration',
  consent: 'consent',
  'limit-consent': 'consent',
  result: 'result',
  'take-card': 'takeCard',
  error: 'error',
};

export class CheckinSession {
  private state: State = { k: 'reading' };
  private connection: CardConnection | undefined;
  private card: JpkiCardLike | undefined;
  private exclusive = false;
  private identify: Promise<void> = Promise.resolve();
  private tokenKind: TokenKind | null = null;
  private pinState: PinState | undefined;
  private certificate: AuthCertificate | undefined;
  private certificateState: CertificateState = 'unknown';
  private challenge: Uint8Array | undefined;
  private signature: Uint8Array | undefined;
  private lastTryAcknowledged = false;
  private committed = false;
  private cardPresent = true;
  private timer: TimerHandle | undefined;
  private readonly abort = new AbortController();
  private readonly attempt: Attempt;
  private readonly random: (bytes: number) => Uint8Array;
  private identifiedAt: number | undefined;
  private readonly pinLimiter: PinRateLimiter;

  constructor(private readonly deps: CheckinSessionDeps) {
    this.pinLimiter = new PinRateLimiter(deps.pinLimits);
    this.random = deps.random ?? ((n) => new Uint8Array(randomBytes(n)));
    this.attempt = {
      startedAt: deps.clock.now(),
      terminal: deps.settings.terminalName,
      reader: deps.reader,
      route: 'card-pin',
      consents: {},
    };
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
    const s = this.state;
    switch (s.k) {
      case 'reading':
        return { name: 'reading' };
      case 'pin':
        return {
          name: 'pin',
          tokenKind: this.tokenKind,
          triesLeft: this.pinState?.state === 'ready' ? Math.min(this.pinState.triesLeft, 15) : null,
          lastTry: this.lastTryAcknowledged,
          wrong: s.wrong,
        };
      case 'choose-auth':
        return {
          name: 'choose-auth',
          reason: s.reason,
          options: this.authOptions(s.reason),
          ...(s.wrong ? { wrong: true } : {}),
        };
      case 'processing':
        return { name: 'processing', step: s.step };
      case 'visual-wait':
        return { name: 'visual-wait' };
      case 'registration':
        return { name: 'registration' };
      case 'consent':
        return { name: 'consent', items: [...this.deps.settings.consentItems], choices: { ...s.choices } };
      case 'limit-consent':
        return { name: 'limit-consent' };
      case 'result': {
        const person = patientPerson(s.view.person);
        return {
          name: 'result',
          outcome: s.view.outcome,
          ...(person ? { person } : {}),
          notices: [...s.view.notices],
          eligibilityOnly: this.certificateState === 'grace',
          receptionNumber: s.receptionNumber,
        };
      }
      case 'take-card':
        return { name: 'take-card' };
      case 'error':
        return { name: 'error', reason: s.reason, code: s.code, cardPresent: this.cardPresent };
      case 'ended':
        return { name: 'idle' };
    }
  }

  /** For the staff console: a card waiting for a visual check. No personal data. */
  visualPending(): VisualPending | undefined {
    if (this.state.k !== 'visual-wait') return undefined;
    return {
      reader: this.deps.reader.slice(0, 128),
      since: this.deps.clock.clinicIso(this.state.since),
      tokenKind: this.tokenKind,
      certificate: this.certificateState,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Start: SELECT, then the PIN pad at once while the rest is read in the background.
  // ---------------------------------------------------------------------------------------------

  async start(): Promise<void> {
    this.enter({ k: 'reading' });
    try {
      this.connection = await this.deps.port.connect(this.deps.reader, 'shared');
      if (this.state.k !== 'reading') {
        this.releaseCard();
        return;
      }
      const card = this.deps.openCard(this.connection.transmit.bind(this.connection));
      this.card = card;
      await card.select();
      if (this.state.k !== 'reading') return;
      this.identifiedAt = this.deps.clock.now().getTime();
      this.identify = this.readInBackground(card);
      this.enter({ k: 'pin', wrong: false });
      this.run(this.identify.then(() => this.afterIdentify()));
    } catch (error) {
      this.fail(error);
    }
  }

  private async readInBackground(card: JpkiCardLike): Promise<void> {
    // One operation at a time on the card (my-number-card.md §10 pitfall 7).
    try {
      this.tokenKind = (await card.readTokenKind()).kind;
      if (this.ended) return;
      this.pinState = await card.pinStatus();
      if (this.ended) return;
      await this.readCertificate(card, true);
    } catch (error) {
      if (!this.ended) this.fail(error);
    }
  }

  /** Reads the auth certificate; on a phone it may need the PIN first (my-number-card.md §6.1). */
  private async readCertificate(card: JpkiCardLike, beforePin: boolean): Promise<void> {
    try {
      const certificate = await card.readAuthCertificate();
      if (this.ended) {
        certificate.der.fill(0);
        return;
      }
      this.certificate = certificate;
      this.attempt.certificateSerialHash = hashSerial(certificate.serialNumber);
      this.certificateState = this.deps.rules.certificateStatus({
        validTo: certificate.validTo,
        tokenKind: this.tokenKind ?? 'card',
      });
      // Phones have no post-expiry grace (oqs-and-insurance.md §5).
      if (this.tokenKind !== 'card' && this.certificateState === 'grace') this.certificateState = 'expired';
    } catch (error) {
      if (beforePin && isCardError(error) && error.code === 'card.security-status') return;
      throw error;
    }
  }

  /** Background reads done: move off the PIN pad when the card cannot or should not take a PIN now. */
  private afterIdentify(): void {
    if (this.ended || this.state.k !== 'pin') return;
    if (!this.applyGuards(false)) return;
    if (IPHONE_AUTHENTICATES_ON_PHONE && this.tokenKind === 'iphone' && this.pinState?.state === 'verified') {
      this.enter({ k: 'processing', step: 'verifying' });
      this.run(this.signVerifiedOnPhone());
      return;
    }
    // Still on the PIN pad: the tries left and token kind now show.
    this.deps.onChange();
  }

  /** The phone holds a verified state: sign on the open connection (reconnecting would power it off). */
  private async signVerifiedOnPhone(): Promise<void> {
    try {
      const card = this.card;
      if (!card) throw new SessionStateError('no card');
      await this.signAndConfirm(card, 'certificate missing');
    } catch (error) {
      this.fail(error);
    }
  }

  /** With the PIN verified (or held by the phone): the certificate, the guards, a fresh signature, the gateway. */
  private async signAndConfirm(card: JpkiCardLike, missing: string): Promise<void> {
    if (!this.certificate) await this.readCertificate(card, false);
    if (!this.busy) return;
    if (!this.certificate) throw new SessionStateError(missing);
    if (!this.applyGuards(false)) return;
    await this.signFresh(card);
    if (!this.busy) return;
    this.attempt.cardMs = this.deps.clock.now().getTime() - (this.identifiedAt ?? 0);
    await this.afterIdentity();
  }

  /**
   * The checks before any VERIFY. Returns true when the PIN may be sent now; otherwise it has moved
   * to the screen that explains why. A locked card never gets a VERIFY (my-number-card.md §10 pitfall 16).
   */
  private applyGuards(wrong: boolean): boolean {
    if (this.certificateState === 'expired') {
      this.fail(
        null,
        this.tokenKind === 'card' ? 'certificate-expired' : 'phone-certificate-expired',
        'session.certificate-expired',
      );
      return false;
    }
    const pin = this.pinState;
    if (pin?.state === 'locked') {
      if (this.tokenKind === 'card') this.enter({ k: 'choose-auth', reason: 'pin-locked', wrong });
      else this.fail(null, 'pin-locked', 'card.pin-locked');
      return false;
    }
    if (pin?.state === 'not-set') {
      this.enter({ k: 'choose-auth', reason: 'no-pin', wrong });
      return false;
    }
    if (pin?.state === 'ready' && pin.triesLeft <= 1 && !this.lastTryAcknowledged) {
      this.enter({ k: 'choose-auth', reason: 'last-try', wrong });
      return false;
    }
    return true;
  }

  /** 目視確認 compares the photo on a physical card; a phone has none (oqs-and-insurance.md §5). */
  private get visualAllowed(): boolean {
    return this.tokenKind !== 'android' && this.tokenKind !== 'iphone';
  }

  private authOptions(reason: ChooseReason): ('pin' | 'visual')[] {
    if (reason === 'last-try') return this.visualAllowed ? ['visual', 'pin'] : ['pin'];
    return ['visual'];
  }

  // ---------------------------------------------------------------------------------------------
  // Patient intents
  // ---------------------------------------------------------------------------------------------

  chooseAuth(method: 'pin' | 'visual'): void {
    const s = this.state;
    if (s.k === 'pin' && method === 'visual' && this.visualAllowed) {
      this.startVisual();
      return;
    }
    if (s.k !== 'choose-auth' || !this.authOptions(s.reason).includes(method)) {
      throw new SessionStateError('この画面では選べません');
    }
    if (method === 'visual') {
      this.startVisual();
      return;
    }
    if (s.reason === 'last-try') this.lastTryAcknowledged = true;
    this.enter({ k: 'pin', wrong: false });
  }

  /**
   * One VERIFY per call, never retried. A submission faster than a person can type, or past the
   * session's budget, throws `session.rate-limited` before anything reaches the card or the state.
   */
  submitPin(pin: string): Promise<void> {
    if (this.state.k !== 'pin') throw new SessionStateError('暗証番号の入力画面ではありません');
    this.pinLimiter.admit(this.deps.clock.now().getTime());
    this.enter({ k: 'processing', step: 'verifying' });
    return this.verifyAndSign(pin);
  }

  private async verifyAndSign(pin: string): Promise<void> {
    try {
      await this.identify;
      if (!this.busy) return;
      if (!this.applyGuards(false)) return;
      const card = await this.exclusiveCard();
      if (!this.busy) return;
      // Query the tries left right before the VERIFY (my-number-card.md §10 pitfall 16).
      this.pinState = await card.pinStatus();
      if (!this.busy) return;
      if (!this.applyGuards(false)) return;
      try {
        await card.verifyPin(pin);
      } catch (error) {
        if (!this.busy) return;
        if (isCardError(error) && this.onPinRefused(error)) return;
        throw error;
      }
      if (!this.busy) return;
      this.pinState = { state: 'verified' };
      await this.signAndConfirm(card, 'certificate missing after VERIFY');
    } catch (error) {
      this.fail(error);
    }
  }

  private onPinRefused(error: CardError): boolean {
    if (error.code === 'card.pin-wrong') {
      const triesLeft = error.details.triesLeft ?? 0;
      this.pinState = triesLeft <= 0 ? { state: 'locked' } : { state: 'ready', triesLeft };
      this.lastTryAcknowledged = false;
      if (this.applyGuards(true)) this.enter({ k: 'pin', wrong: true });
      return true;
    }
    if (error.code === 'card.pin-locked') {
      this.pinState = { state: 'locked' };
      this.applyGuards(true);
      return true;
    }
    if (error.code === 'card.pin-invalid') {
      this.enter({ k: 'pin', wrong: true });
      return true;
    }
    return false;
  }

  /** EXCLUSIVE while a PIN is in play (my-number-card.md §5.2, §10 pitfall 3). */
  private async exclusiveCard(): Promise<JpkiCardLike> {
    if (this.exclusive && this.card) return this.card;
    const shared = this.connection;
    this.connection = undefined;
    await shared?.disconnect();
    if (!this.busy) throw new SessionStateError('ended');
    this.connection = await this.deps.port.connect(this.deps.reader, 'exclusive');
    this.exclusive = true;
    const card = this.deps.openCard(this.connection.transmit.bind(this.connection));
    this.card = card;
    await card.select();
    return card;
  }

  private async signFresh(card: JpkiCardLike): Promise<void> {
    this.challenge?.fill(0);
    this.signature?.fill(0);
    this.challenge = this.random(CHALLENGE_BYTES);
    this.signature = undefined;
    const signature = await card.signChallenge(this.challenge);
    if (!this.busy) {
      signature.fill(0);
      return;
    }
    this.signature = signature;
  }

  private startVisual(): void {
    this.attempt.route = 'card-visual';
    this.enter({ k: 'visual-wait', since: this.deps.clock.now() });
    this.deps.onVisual(true);
  }

  /** Staff compared the card photo with the patient (目視確認). */
  approveVisual(staffId: string): Promise<void> {
    if (this.state.k !== 'visual-wait') throw new SessionStateError('目視確認を待っていません');
    this.attempt.staffId = staffId;
    this.enter({ k: 'processing', step: 'confirming' });
    return this.afterApproval();
  }

  private async afterApproval(): Promise<void> {
    try {
      await this.identify;
      if (!this.busy) return;
      if (!this.certificate && this.card) await this.readCertificate(this.card, false);
      if (!this.busy) return;
      if (!this.certificate) throw new SessionStateError('certificate missing');
      if (this.certificateState === 'expired') {
        this.fail(null, 'certificate-expired', 'session.certificate-expired');
        return;
      }
      this.attempt.cardMs = this.deps.clock.now().getTime() - (this.identifiedAt ?? 0);
      await this.afterIdentity();
    } catch (error) {
      this.fail(error);
    }
  }

  declineVisual(staffId: string): void {
    if (this.state.k !== 'visual-wait') throw new SessionStateError('目視確認を待っていません');
    this.attempt.staffId = staffId;
    this.fail(null, 'visual-declined', 'session.visual-declined');
  }

  /** The holder is proven: check 保険証利用登録, then the consent screens. */
  private async afterIdentity(): Promise<void> {
    const certificate = this.certificate;
    if (!certificate) throw new SessionStateError('certificate missing');
    this.enter({ k: 'processing', step: 'confirming' });
    const registered = await this.gatewayCall(() => this.deps.gateway.isRegistered(certificate.der));
    if (!this.busy || registered === undefined) return;
    if (registered.value) {
      this.toConsent();
      return;
    }
    // Registration needs the PIN and a signature, so the visual route cannot register.
    if (this.attempt.route === 'card-pin' && this.signature) this.enter({ k: 'registration' });
    else this.fail(null, 'not-registered', 'gateway.not-registered');
  }

  answerRegistration(agreed: boolean): Promise<void> | undefined {
    if (this.state.k !== 'registration') throw new SessionStateError('利用登録の画面ではありません');
    if (!agreed) {
      this.fail(null, 'registration-declined', 'session.registration-declined', 'cancelled');
      return undefined;
    }
    this.enter({ k: 'processing', step: 'registering' });
    return this.register();
  }

  private async register(): Promise<void> {
    const { certificate, challenge, signature, card } = this;
    try {
      if (!certificate || !challenge || !signature || !card) throw new SessionStateError('not verified');
      const done = await this.gatewayCall(
        () => this.deps.gateway.register({ certificate: certificate.der, challenge, signature }),
        'registration-failed',
      );
      if (!this.busy || done === undefined) return;
      // The confirmation gets its own fresh challenge; the PIN is still verified on the EXCLUSIVE connection.
      await this.signFresh(card);
      if (!this.busy) return;
      this.toConsent();
    } catch (error) {
      this.fail(error);
    }
  }

  private toConsent(): void {
    // Post-expiry grace: eligibility only, no data sharing and no consent screens (oqs-and-insurance.md §5).
    if (this.certificateState === 'grace') {
      this.run(this.confirm(false));
      return;
    }
    if (this.deps.settings.consentItems.length > 0) this.enter({ k: 'consent', choices: {} });
    else this.toLimitConsent();
  }

  private toLimitConsent(): void {
    if (this.deps.settings.limitConsentScreen) this.enter({ k: 'limit-consent' });
    else this.run(this.confirm(LIMIT_CONSENT_WHEN_NOT_ASKED));
  }

  consentAll(agreed: boolean): void {
    if (this.state.k !== 'consent') throw new SessionStateError('同意の画面ではありません');
    const at = this.deps.clock.now().toISOString();
    for (const item of this.deps.settings.consentItems) this.attempt.consents[item] = { agreed, at };
    this.toLimitConsent();
  }

  consentChoose(item: ConsentItem, agreed: boolean): void {
    const s = this.state;
    if (s.k !== 'consent' || !this.deps.settings.consentItems.includes(item)) {
      throw new SessionStateError('この項目は選べません');
    }
    this.attempt.consents[item] = { agreed, at: this.deps.clock.now().toISOString() };
    this.enter({ k: 'consent', choices: { ...s.choices, [item]: agreed } });
  }

  consentDone(): void {
    const s = this.state;
    if (s.k !== 'consent') throw new SessionStateError('同意の画面ではありません');
    const missing = this.deps.settings.consentItems.filter((item) => s.choices[item] === undefined);
    if (missing.length > 0)
      throw new SessionStateError(`まだ選んでいない項目があります: ${missing.join(', ')}`);
    this.toLimitConsent();
  }

  limitChoose(agreed: boolean): void {
    if (this.state.k !== 'limit-consent') throw new SessionStateError('限度額の同意画面ではありません');
    this.attempt.limitConsent = { agreed, at: this.deps.clock.now().toISOString() };
    this.run(this.confirm(agreed));
  }

  private async confirm(limitConsent: boolean): Promise<void> {
    try {
      await this.confirmNow(limitConsent);
    } catch (error) {
      this.fail(error);
    }
  }

  private async confirmNow(limitConsent: boolean): Promise<void> {
    const certificate = this.certificate;
    if (!certificate || !this.tokenKind) {
      this.fail(new SessionStateError('certificate missing'));
      return;
    }
    this.enter({ k: 'processing', step: 'confirming' });
    const consents: Partial<Record<ConsentItem, boolean>> = {};
    for (const [item, record] of Object.entries(this.attempt.consents)) {
      consents[item as ConsentItem] = record.agreed;
    }
    const request: CardConfirmation = {
      route: this.attempt.route === 'card-visual' ? 'card-visual' : 'card-pin',
      certificate: certificate.der,
      tokenKind: this.tokenKind,
      limitConsent,
      consents,
    };
    if (request.route === 'card-pin' && this.challenge && this.signature) {
      request.challenge = this.challenge;
      request.signature = this.signature;
    }
    const started = this.deps.clock.now().getTime();
    const result = await this.gatewayCall(() => this.deps.gateway.confirm(request, this.abort.signal));
    if (!this.busy || result === undefined) return;
    this.attempt.gatewayMs = this.deps.clock.now().getTime() - started;
    this.showResult(result.value);
  }

  /**
   * The result reaches the screen only after its log row is committed; the log issues the reception
   * number in that same commit (every ending with an answer gets one: see session/README.md).
   */
  private showResult(result: QualificationResult): void {
    const view = viewResult(result, this.certificateState);
    const now = this.deps.clock.now();
    let receptionNumber: number;
    try {
      receptionNumber = this.deps.log.recordNumbered(
        buildRecord(this.attempt, { outcome: view.outcome, endedAt: now, result }),
      ).receptionNumber;
    } catch (error) {
      // The patient sees nothing that is not on record: out of service until the log recovers. The row
      // kept says what happened: the answer arrived but was never shown, so no reception number.
      this.endRefused(error, now, result);
      return;
    }
    this.committed = true;
    this.deps.onRecorded();
    this.enter({ k: 'result', view, receptionNumber });
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
    if (!this.committed && this.state.k !== 'error')
      this.logEnd({ outcome: 'cancelled', errorCode: 'card.removed' });
    this.end();
  }

  cancel(): void {
    if (this.ended) return;
    if (!this.committed && this.state.k !== 'error') this.logEnd({ outcome: 'cancelled' });
    this.end();
  }

  private timedOut(): void {
    if (this.ended) return;
    if (!this.committed && this.state.k !== 'error') {
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

  private run(work: Promise<void>): void {
    this.deps.track?.(work);
  }

  /** An operation is running; anything else (ended, error, moved on) means its result is stale. */
  private get busy(): boolean {
    return this.state.k === 'processing';
  }

  private enter(state: State): void {
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

  /** Runs a gateway call; a failure goes to the error screen and the log. */
  private async gatewayCall<T>(
    call: () => Promise<T>,
    reason?: ErrorReason,
  ): Promise<{ value: T } | undefined> {
    try {
      return { value: await call() };
    } catch (error) {
      if (this.ended) return undefined;
      if (error instanceof GatewayError) {
        if (error.code === 'gateway.unavailable') this.deps.onGatewayTrouble();
        this.fail(null, reason ?? gatewayReason(error), error.code, 'error', error.systemCode);
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Ends the attempt on its error screen and logs it. With `error` set, the code and reason come from
   * the thrown error; card removal mid-operation counts as a cancel.
   */
  private fail(
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
      if (isCardError(error) && (error.code === 'card.removed' || error.code === 'card.reader-gone')) {
        this.cardPresent = this.deps.port.cardPresent(this.deps.reader);
        this.logEnd({ outcome: 'cancelled', errorCode: error.code });
        this.end();
        return;
      }
      if (error instanceof LogError) {
        this.endRefused(error, this.deps.clock.now());
        return;
      }
      const mapped = mapError(error);
      reason = mapped.reason;
      code = mapped.code;
    }
    const finalReason = reason ?? 'internal';
    const finalCode = code ?? 'session.internal';
    if (!this.logEnd({ outcome, errorCode: finalCode, ...(systemCode ? { systemCode } : {}) })) return;
    this.releaseCard();
    this.enter({ k: 'error', reason: finalReason, code: finalCode });
  }

  /**
   * The log refused a write: keep the attempt's row (an error with the log's code) to be written once
   * the log recovers, unless one is already on record, and go out of service.
   */
  private endRefused(error: unknown, endedAt: Date, result?: QualificationResult): void {
    if (!this.committed) {
      this.committed = true;
      this.deps.log.keep(
        buildRecord(this.attempt, {
          outcome: 'error',
          errorCode: refusalCodeOf(error),
          endedAt,
          ...(result ? { result } : {}),
        }),
      );
    }
    this.end('log');
  }

  /** Commits the attempt's row once; false when the log refused (the session then ends out of service). */
  private logEnd(end: Omit<AttemptEnd, 'endedAt'>): boolean {
    if (this.committed) return true;
    this.committed = true;
    const entry = buildRecord(this.attempt, { ...end, endedAt: this.deps.clock.now() });
    try {
      this.deps.log.record(entry);
      this.deps.onRecorded();
      return true;
    } catch {
      // Written once the log takes writes again, before anything newer.
      this.deps.log.keep(entry);
      this.end('log');
      return false;
    }
  }

  /** Power the card off, so a verified PIN never survives (my-number-card.md §10 pitfall 3). */
  private releaseCard(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.card = undefined;
    this.exclusive = false;
    void connection?.disconnect().catch(() => undefined);
  }

  /** Wipes every secret and personal datum, then tells the owner. Idempotent. */
  private end(problem?: HealthProblem): void {
    if (this.ended) return;
    const wasVisual = this.state.k === 'visual-wait';
    this.state = { k: 'ended' };
    this.timer?.cancel();
    this.timer = undefined;
    this.abort.abort();
    this.releaseCard();
    this.certificate?.der.fill(0);
    this.certificate = undefined;
    this.challenge?.fill(0);
    this.challenge = undefined;
    this.signature?.fill(0);
    this.signature = undefined;
    this.pinState = undefined;
    this.tokenKind = null;
    this.attempt.consents = {};
    delete this.attempt.limitConsent;
    delete this.attempt.certificateSerialHash;
    if (wasVisual) this.deps.onVisual(false);
    this.deps.onEnd(problem);
  }
}

function gatewayReason(error: GatewayError): ErrorReason {
  switch (error.code) {
    case 'gateway.timeout':
      return 'gateway-timeout';
    case 'gateway.not-registered':
      return 'not-registered';
    case 'gateway.certificate-invalid':
    case 'gateway.signature-invalid':
      return 'certificate-invalid';
    default:
      return 'gateway-error';
  }
}

function mapError(error: unknown): { reason: ErrorReason; code: string } {
  if (isCardError(error)) {
    switch (error.code) {
      case 'card.not-my-number-card':
        return { reason: 'not-my-number-card', code: error.code };
      case 'card.pin-locked':
        return { reason: 'pin-locked', code: error.code };
      case 'card.certificate-invalid':
        return { reason: 'certificate-invalid', code: error.code };
      default:
        return { reason: 'card-unreadable', code: error.code };
    }
  }
  if (error instanceof GatewayError) return { reason: gatewayReason(error), code: error.code };
  return { reason: 'internal', code: 'session.internal' };
}
