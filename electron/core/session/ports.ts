// The narrow ports the check-in session depends on: card, rules, timers, randomness (the clock is the clinic clock).
import type { CertificateState, KeyedEntry, TokenKind } from '../../common/contract';

/** Pin state as the card reports it; `not-set` is a card issued without a PIN (顔認証マイナンバーカード, oqs §3). */
export type PinState =
  { state: 'ready'; triesLeft: number } | { state: 'verified' } | { state: 'locked' } | { state: 'not-set' };

export interface AuthCertificate {
  der: Uint8Array;
  /** Hex; identifies this certificate, not the person (my-number-card.md §7). */
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
}

/** What the session needs of the JPKI card (native/card/jpki-card.ts satisfies it). */
export interface JpkiCardLike {
  select(): Promise<void>;
  readTokenKind(): Promise<{ kind: TokenKind; label?: string }>;
  readAuthCertificate(): Promise<AuthCertificate>;
  pinStatus(): Promise<PinState>;
  verifyPin(pin: string): Promise<void>;
  signChallenge(challenge: Uint8Array): Promise<Uint8Array>;
}

export type Transmit = (
  apdu: Uint8Array,
  options?: { timeoutMs?: number; sensitive?: boolean },
) => Promise<Uint8Array>;

/** Builds the card protocol over one connection's transmit. */
export type OpenCard = (transmit: Transmit) => JpkiCardLike;

export type RuleCheck<T> = { ok: true; value: T } | { ok: false; problems: RuleProblem[] };

export interface RuleProblem {
  field: string;
  code: string;
  message: { ja: string; en: string };
}

/** The validated numbers of a keyed entry, ready for the eligibility request. */
export interface KeyedNumbers {
  insurerNumber: string;
  symbol?: string;
  number: string;
  branch?: string;
  /** yyyyMMdd */
  birthdate: string;
}

/** The insurance rules the session and the staff console rely on (electron/core/rules). */
export interface RulesPort {
  /** State of the auth certificate today; phones get no grace (oqs §5). */
  certificateStatus(input: { validTo: Date; tokenKind: TokenKind }): Exclude<CertificateState, 'unknown'>;
  validateKeyedEntry(entry: KeyedEntry): RuleCheck<KeyedNumbers>;
  validateMedicalInstitutionCode(code: string): RuleCheck<string>;
}

export interface TimerHandle {
  cancel(): void;
}

/** Timers through a port, so tests advance time by hand. */
export interface Timers {
  after(ms: number, callback: () => void): TimerHandle;
}

export const systemTimers: Timers = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};
