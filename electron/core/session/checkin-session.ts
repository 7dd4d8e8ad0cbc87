// One patient's check-in on one reader: the card + PIN and card + 目視確認 routes over the session machine.
import type { ConsentItem } from '../../common/contract';
import { isCardError, type CardError } from '../../../native/card/card-error';
import type { CardConfirmation, RegistrationRequest } from '../gateway/qualification-gateway';
import { hashSerial } from './attempt-record';
import { withoutLimit } from './limit-use';
import {
  IPHONE_AUTHENTICATES_ON_PHONE,
  LIMIT_CONSENT_WHEN_NOT_ASKED,
  SessionStateError,
  authOptions,
  visualAllowed,
} from './session-state';
import { CardPresenceMachine } from './card-presence';

export { CHALLENGE_BYTES } from './card-link';
export {
  IPHONE_AUTHENTICATES_ON_PHONE,
  LIMIT_CONSENT_WHEN_NOT_ASKED,
  SessionStateError,
  type SessionStateName,
} from './session-state';
export type { CheckinSessionDeps, HealthProblem, SessionSettings } from './session-deps';

/**
 * The routes of one card: SELECT, then the PIN pad at once while the rest is read in the background;
 * one VERIFY or a staff 目視確認; registration; consents; the confirmation (session/README.md, "States").
 */
export class CheckinSession extends CardPresenceMachine {
  private identify: Promise<void> = Promise.resolve();
  private identifiedAt: number | undefined;

  async start(): Promise<void> {
    this.enter({ k: 'reading' });
    try {
      await this.link.openShared();
      this.identifiedAt = this.deps.clock.now().getTime();
      this.identify = this.readInBackground();
      this.enter({ k: 'pin', wrong: false });
      this.run(this.identify.then(() => this.afterIdentify()));
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Token kind, certificate, then tries left. The PIN pad shows what was read only once all three are
   * in, so the order costs nothing on screen; the certificate first keeps card present → certificate at
   * 8 APDUs (SELECT AP, token kind, 6 READ BINARY of 256 bytes at most; my-number-card.md §5.1).
   */
  private async readInBackground(): Promise<void> {
    try {
      await this.link.readTokenKind();
      await this.readCertificate(true);
      await this.link.readPinStatus();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Reads the auth certificate and judges it by the rules; on a phone it may need the PIN first. */
  private async readCertificate(beforePin: boolean): Promise<void> {
    const certificate = await this.link.readCertificate(beforePin);
    if (!certificate) return;
    this.attempt.certificateSerialHash = hashSerial(certificate.serialNumber);
    const tokenKind = this.link.tokenKind;
    this.certificateState = this.deps.rules.certificateStatus({
      validTo: certificate.validTo,
      tokenKind: tokenKind ?? 'card',
    });
    // Phones have no post-expiry grace (oqs-and-insurance.md §5).
    if (tokenKind !== 'card' && this.certificateState === 'grace') this.certificateState = 'expired';
  }

  /** Background reads done: move off the PIN pad when the card cannot or should not take a PIN now. */
  private afterIdentify(): void {
    if (this.state.k !== 'pin') return;
    if (!this.applyGuards(false)) return;
    const { tokenKind, pinState } = this.link;
    if (IPHONE_AUTHENTICATES_ON_PHONE && tokenKind === 'iphone' && pinState?.state === 'verified') {
      this.enter({ k: 'processing', step: 'verifying' });
      this.run(this.guarded(() => this.signAndConfirm('certificate missing')));
      return;
    }
    // Still on the PIN pad: the tries left and token kind now show.
    this.deps.onChange();
  }

  /**
   * With the PIN verified (or held by the phone, signing on the open connection, since reconnecting
   * would power it off): the certificate, the guards, a fresh signature, the gateway.
   */
  private async signAndConfirm(missing: string): Promise<void> {
    if (!this.link.certificate) await this.readCertificate(false);
    if (!this.link.certificate) throw new SessionStateError(missing);
    if (!this.applyGuards(false)) return;
    await this.link.signFresh();
    this.attempt.cardMs = this.deps.clock.now().getTime() - (this.identifiedAt ?? 0);
    await this.afterIdentity();
  }

  // ---------------------------------------------------------------------------------------------
  // Patient intents
  // ---------------------------------------------------------------------------------------------

  chooseAuth(method: 'pin' | 'visual'): void {
    const s = this.state;
    if (s.k === 'pin' && method === 'visual' && visualAllowed(this.link.tokenKind)) {
      this.startVisual();
      return;
    }
    if (s.k !== 'choose-auth' || !authOptions(s.reason, this.link.tokenKind).includes(method)) {
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
    return this.guarded(() => this.verifyAndSign(pin));
  }

  private async verifyAndSign(pin: string): Promise<void> {
    const lifts = this.lifts;
    await this.identify;
    this.signal.throwIfAborted();
    if (this.lifts !== lifts) return; // the card was lifted meanwhile: the card put back asks again
    if (!this.applyGuards(false)) return;
    await this.link.useExclusive();
    // Query the tries left right before the VERIFY (my-number-card.md §10 pitfall 16).
    await this.link.readPinStatus();
    if (!this.applyGuards(false)) return;
    try {
      await this.link.verifyPin(pin);
    } catch (error) {
      if (isCardError(error) && this.onPinRefused(error)) return;
      throw error;
    }
    await this.signAndConfirm('certificate missing after VERIFY');
  }

  private onPinRefused(error: CardError): boolean {
    if (error.code === 'card.pin-wrong') {
      const triesLeft = error.details.triesLeft ?? 0;
      this.link.pinState = triesLeft <= 0 ? { state: 'locked' } : { state: 'ready', triesLeft };
      this.lastTryAcknowledged = false;
      if (this.applyGuards(true)) this.enter({ k: 'pin', wrong: true });
      return true;
    }
    if (error.code === 'card.pin-locked') {
      this.link.pinState = { state: 'locked' };
      this.applyGuards(true);
      return true;
    }
    if (error.code === 'card.pin-invalid') {
      this.enter({ k: 'pin', wrong: true });
      return true;
    }
    return false;
  }

  private startVisual(): void {
    this.attempt.route = 'card-visual';
    this.enter({ k: 'visual-wait', since: this.deps.clock.now() });
    this.deps.onVisual(true);
  }

  protected resumeVisual(): void {
    this.startVisual();
  }

  /** Staff compared the card photo with the patient (目視確認). */
  approveVisual(staffId: string): Promise<void> {
    if (this.state.k !== 'visual-wait') throw new SessionStateError('目視確認を待っていません');
    this.attempt.staffId = staffId;
    this.enter({ k: 'processing', step: 'confirming' });
    return this.guarded(() => this.afterApproval());
  }

  private async afterApproval(): Promise<void> {
    const lifts = this.lifts;
    await this.identify;
    this.signal.throwIfAborted();
    if (this.lifts !== lifts) return;
    if (!this.link.certificate && this.link.open) await this.readCertificate(false);
    if (!this.link.certificate) throw new SessionStateError('certificate missing');
    if (this.certificateState === 'expired') {
      this.fail(null, 'certificate-expired', 'session.certificate-expired');
      return;
    }
    this.attempt.cardMs = this.deps.clock.now().getTime() - (this.identifiedAt ?? 0);
    await this.afterIdentity();
  }

  declineVisual(staffId: string): void {
    if (this.state.k !== 'visual-wait') throw new SessionStateError('目視確認を待っていません');
    this.attempt.staffId = staffId;
    this.fail(null, 'visual-declined', 'session.visual-declined');
  }

  /** The holder is proven: check 保険証利用登録, then the consent screens. */
  private async afterIdentity(): Promise<void> {
    const certificate = this.link.certificate;
    if (!certificate) throw new SessionStateError('certificate missing');
    this.enter({ k: 'processing', step: 'confirming' });
    const registered = await this.gatewayCall((signal) =>
      this.deps.gateway.isRegistered(certificate.der, signal),
    );
    if (registered === undefined) return;
    if (registered.value) {
      this.toConsent();
      return;
    }
    if (this.registrationRequest()) this.enter({ k: 'registration' });
    else this.fail(null, 'not-registered', 'gateway.not-registered');
  }

  /**
   * How this holder was proven, for 保険証利用登録: the PIN (a fresh challenge signed on the open
   * connection) or staff 目視確認 (the approving staff member). Real readers register after face
   * authentication or 目視 too, and a 顔認証マイナンバーカード has no PIN at all (oqs-and-insurance.md §3).
   */
  private registrationRequest(): RegistrationRequest | undefined {
    const { certificate, challenge, signature } = this.link;
    if (!certificate) return undefined;
    if (this.attempt.route === 'card-visual') {
      const staffId = this.attempt.staffId;
      return staffId ? { route: 'card-visual', certificate: certificate.der, staffId } : undefined;
    }
    if (!challenge || !signature || !this.link.open) return undefined;
    return { route: 'card-pin', certificate: certificate.der, challenge, signature };
  }

  answerRegistration(agreed: boolean): Promise<void> | undefined {
    if (this.state.k !== 'registration') throw new SessionStateError('利用登録の画面ではありません');
    if (!agreed) {
      // A valid choice, not a failure: a neutral notice says what to do next.
      this.declineRegistration();
      return undefined;
    }
    this.enter({ k: 'processing', step: 'registering' });
    return this.guarded(() => this.register());
  }

  private async register(): Promise<void> {
    const request = this.registrationRequest();
    if (!request) throw new SessionStateError('not verified');
    const lifts = this.lifts;
    const done = await this.gatewayCall(
      (signal) => this.deps.gateway.register(request, signal),
      'registration-failed',
    );
    if (done === undefined) return;
    // Lifted while registering: the registration stands; the card put back signs again after its PIN,
    // and the check that follows finds it registered.
    if (this.lifts !== lifts) return;
    // PIN route: the confirmation gets its own fresh challenge; the PIN is still verified on the
    // EXCLUSIVE connection. 目視 route: the confirmation carries no signature.
    if (request.route === 'card-pin') await this.link.signFresh();
    this.toConsent();
  }

  private toConsent(): void {
    // Post-expiry grace: eligibility only, so the 薬剤・診療 data-sharing consents are not asked
    // (oqs-and-insurance.md §5). The grace restricts nothing else: 限度額 goes on as on any day.
    if (this.certificateState !== 'grace' && this.deps.settings.consentItems.length > 0) {
      // Choices made before a lift and a PIN asked again are kept.
      const choices: Partial<Record<ConsentItem, boolean>> = {};
      for (const item of this.deps.settings.consentItems) {
        const record = this.attempt.consents[item];
        if (record) choices[item] = record.agreed;
      }
      this.enter({ k: 'consent', choices });
    } else this.toLimitConsent();
  }

  private toLimitConsent(): void {
    if (this.deps.settings.limitConsentScreen) this.enter({ k: 'limit-consent' });
    else this.run(this.guarded(() => this.confirm(LIMIT_CONSENT_WHEN_NOT_ASKED)));
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

  /** The patient's answer to "may the desk use the 限度額 information?" (clinics that still ask). */
  limitChoose(agreed: boolean): void {
    if (this.state.k !== 'limit-consent') throw new SessionStateError('限度額の同意画面ではありません');
    this.attempt.limitConsent = { agreed, at: this.deps.clock.now().toISOString() };
    this.run(this.guarded(() => this.confirm(agreed)));
  }

  /** `limitUse`: the desk may use the 限度額 information (asked and agreed, or not asked). */
  private async confirm(limitUse: boolean): Promise<void> {
    const certificate = this.link.certificate;
    const tokenKind = this.link.tokenKind;
    if (!certificate || !tokenKind) {
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
      tokenKind,
      limitConsent: limitUse,
      consents,
    };
    const { challenge, signature } = this.link;
    if (request.route === 'card-pin' && challenge && signature) {
      request.challenge = challenge;
      request.signature = signature;
    }
    const started = this.deps.clock.now().getTime();
    const result = await this.gatewayCall((signal) => this.deps.gateway.confirm(request, signal));
    if (result === undefined) return;
    this.attempt.gatewayMs = this.deps.clock.now().getTime() - started;
    // Declined: the system may send the 限度額 block regardless (§3); it stops here, before the screen,
    // the staff console and the log row, which records the refusal (attempt.limitConsent).
    this.showResult(limitUse ? result.value : withoutLimit(result.value));
  }
}
