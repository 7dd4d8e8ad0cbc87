// The check-in states, their inactivity timeouts, and the pure decisions of the machine (PIN guards, auth options).
import type {
  CertificateState,
  ConsentItem,
  ErrorReason,
  TimeoutSettings,
  TokenKind,
} from '../../common/contract';
import type { PinState } from './ports';
import type { ResultView } from './result-view';

/**
 * The request's 限度額 flag (`LimitApplicationCertificateRelatedConsFlg`, §2.3) when the kiosk does not
 * ask, which is the default: since 2024-10-07 the 限度額 information reaches the clinic without the
 * patient's consent and the national readers no longer ask (oqs-and-insurance.md §3, confirmed), so the
 * kiosk requests it and passes it on to staff, the log and the face outbox. What a reader now writes in
 * that flag is not documented (§6, unconfirmed): true (1 同意) keeps the information coming from a
 * system that still reads the flag. The log row records no 限度額 answer, since none was asked.
 */
export const LIMIT_CONSENT_WHEN_NOT_ASKED = true;

/**
 * An iPhone holder authenticates with Face ID / Touch ID on the phone, not with a PIN on the reader
 * (oqs-and-insurance.md §5). Unconfirmed over PC/SC (my-number-card.md §6.1: iPhone behaviour unknown):
 * when an iPhone token already reports its PIN as verified, the kiosk signs without asking for a PIN.
 */
export const IPHONE_AUTHENTICATES_ON_PHONE = true;

export type ChooseReason = 'last-try' | 'pin-locked' | 'no-pin';

export type State =
  | { k: 'reading' }
  | { k: 'pin'; wrong: boolean }
  | { k: 'choose-auth'; reason: ChooseReason; wrong: boolean }
  | { k: 'processing'; step: 'verifying' | 'registering' | 'confirming' }
  | { k: 'visual-wait'; since: Date }
  | { k: 'registration' }
  | { k: 'consent'; choices: Partial<Record<ConsentItem, boolean>> }
  | { k: 'limit-consent' }
  | { k: 'result'; view: ResultView; receptionNumber: number }
  | { k: 'take-card'; since: Date }
  | { k: 'error'; reason: ErrorReason; code: string }
  /** 登録しない at 利用登録: a valid choice, ended on a neutral notice, never an error. */
  | { k: 'registration-declined' }
  /** The card left mid-way; `from` is where the attempt stands (work under way may move it on). */
  /**
   * `closed`: the resume window ran out while the eligibility system was being asked; the attempt waits
   * for that call (its answer is never discarded) and ends at the next step that needs the card.
   */
  | { k: 'lifted'; from: ResumableState; since: Date; closed?: true }
  | { k: 'ended' };

/** The states a card lifted mid-way can come back to (session/README.md, "Lifted mid-way"). */
export type ResumableState = Extract<
  State,
  {
    k: 'pin' | 'choose-auth' | 'processing' | 'visual-wait' | 'registration' | 'consent' | 'limit-consent';
  }
>;

const resumableNames: ReadonlySet<string> = new Set<ResumableState['k']>([
  'pin',
  'choose-auth',
  'processing',
  'visual-wait',
  'registration',
  'consent',
  'limit-consent',
]);

export function isResumable(state: State): state is ResumableState {
  return resumableNames.has(state.k);
}

/**
 * Where the same card, put back, continues. Lifting powers the card off, so a verified PIN is gone
 * (my-number-card.md §10 pitfall 3): the PIN route goes back to the PIN pad unless the signature the
 * confirmation needs is already made and no step ahead signs again (registration signs a fresh
 * challenge after registering). The 目視 route needs no PIN: it continues where it was.
 */
export function resumeTarget(
  from: ResumableState,
  facts: { route: 'card-pin' | 'card-visual'; signed: boolean },
): 'pin' | 'from' {
  if (facts.route === 'card-visual') return from.k === 'pin' || from.k === 'choose-auth' ? 'pin' : 'from';
  if (!facts.signed) return 'pin';
  switch (from.k) {
    case 'consent':
    case 'limit-consent':
      return 'from';
    case 'processing':
      return from.step === 'confirming' ? 'from' : 'pin';
    default:
      return 'pin';
  }
}

export type SessionStateName = State['k'];

/** Thrown for an intent the current screen does not allow; the core turns it into session.invalid-state. */
export class SessionStateError extends Error {
  override readonly name = 'SessionStateError';
  readonly code = 'session.invalid-state';
}

/**
 * Which `timeouts.*` setting bounds inactivity in each state; states without one wait for the core.
 * The take-card screen has none: it waits for the card (`timeouts.takeCard` only tells staff). A
 * lifted card waits `card.resume`; a message read after the lift stays `card.afterLift`.
 */
export const timeoutKeyOf: Partial<Record<SessionStateName, keyof TimeoutSettings>> = {
  reading: 'reading',
  pin: 'pin',
  'choose-auth': 'chooseAuth',
  'visual-wait': 'visualWait',
  registration: 'registration',
  consent: 'consent',
  'limit-consent': 'consent',
  result: 'result',
  error: 'error',
  'registration-declined': 'error',
};

/** 目視確認 compares the photo on a physical card; a phone has none (oqs-and-insurance.md §5). */
export function visualAllowed(tokenKind: TokenKind | null): boolean {
  return tokenKind !== 'android' && tokenKind !== 'iphone';
}

export function authOptions(reason: ChooseReason, tokenKind: TokenKind | null): ('pin' | 'visual')[] {
  if (reason === 'last-try') return visualAllowed(tokenKind) ? ['visual', 'pin'] : ['pin'];
  return ['visual'];
}

export interface GuardFacts {
  certificateState: CertificateState;
  tokenKind: TokenKind | null;
  pinState: PinState | undefined;
  lastTryAcknowledged: boolean;
}

/** May the PIN be sent now, or where the machine goes instead. */
export type GuardVerdict =
  { k: 'verify' } | { k: 'choose'; reason: ChooseReason } | { k: 'fail'; reason: ErrorReason; code: string };

/**
 * The checks before any VERIFY. A locked card never gets a VERIFY (my-number-card.md §10 pitfall 16);
 * an expired certificate is refused before the PIN; the last try needs the patient's acknowledgement.
 */
export function pinGuard(facts: GuardFacts): GuardVerdict {
  if (facts.certificateState === 'expired') {
    return {
      k: 'fail',
      reason: facts.tokenKind === 'card' ? 'certificate-expired' : 'phone-certificate-expired',
      code: 'session.certificate-expired',
    };
  }
  const pin = facts.pinState;
  if (pin?.state === 'locked') {
    return facts.tokenKind === 'card'
      ? { k: 'choose', reason: 'pin-locked' }
      : // A phone has no photo for 目視 and its own key pair, apart from the card's (my-number-card.md §6.1).
        { k: 'fail', reason: 'phone-pin-locked', code: 'card.pin-locked' };
  }
  if (pin?.state === 'not-set') return { k: 'choose', reason: 'no-pin' };
  if (pin?.state === 'ready' && pin.triesLeft <= 1 && !facts.lastTryAcknowledged) {
    return { k: 'choose', reason: 'last-try' };
  }
  return { k: 'verify' };
}
