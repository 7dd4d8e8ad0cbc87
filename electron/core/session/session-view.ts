// Screens from session state: the patient screen (only what it shows) and the staff console's pending visual check.
import type {
  CardLeft,
  CertificateState,
  ConsentItem,
  ResultPerson,
  Screen,
  TokenKind,
  VisualPending,
} from '../../common/contract';
import type { ClinicClock } from '../clock/clinic-clock';
import type { PinState } from './ports';
import { patientPerson } from './result-view';
import { authOptions, type State } from './session-state';

/** What a screen may show besides the state itself. */
export interface ViewFacts {
  tokenKind: TokenKind | null;
  pinState: PinState | undefined;
  lastTryAcknowledged: boolean;
  certificateState: CertificateState;
  consentItems: readonly ConsentItem[];
  cardPresent: boolean;
  /** The clinic shows the copay ratio and 限度額 class to the patient (off by default). */
  resultShowsCopayAndLimit: boolean;
  /** Seconds a lifted card has to come back (config `card.resume`). */
  resumeSeconds: number;
}

/** A card reports at most 15 tries left (the low nibble of SW 63Cx, my-number-card.md §3). */
const MAX_TRIES_SHOWN = 15;

export function patientScreen(s: State, facts: ViewFacts): Screen {
  switch (s.k) {
    case 'reading':
      return { name: 'reading' };
    case 'pin':
      return {
        name: 'pin',
        tokenKind: facts.tokenKind,
        triesLeft:
          facts.pinState?.state === 'ready' ? Math.min(facts.pinState.triesLeft, MAX_TRIES_SHOWN) : null,
        lastTry: facts.lastTryAcknowledged,
        wrong: s.wrong,
      };
    case 'choose-auth':
      return {
        name: 'choose-auth',
        reason: s.reason,
        options: authOptions(s.reason, facts.tokenKind),
        ...(s.wrong ? { wrong: true } : {}),
      };
    case 'processing':
      return { name: 'processing', step: s.step };
    case 'visual-wait':
      return { name: 'visual-wait' };
    case 'registration':
      return { name: 'registration' };
    case 'consent':
      return { name: 'consent', items: [...facts.consentItems], choices: { ...s.choices } };
    case 'limit-consent':
      return { name: 'limit-consent' };
    case 'result': {
      const person = patientFacing(patientPerson(s.view), facts.resultShowsCopayAndLimit);
      return {
        name: 'result',
        outcome: s.view.outcome,
        ...(person ? { person } : {}),
        notices: [...s.view.notices],
        eligibilityOnly: facts.certificateState === 'grace',
        receptionNumber: s.receptionNumber,
      };
    }
    case 'take-card':
      return { name: 'take-card' };
    case 'error':
      return { name: 'error', reason: s.reason, code: s.code, cardPresent: facts.cardPresent };
    case 'registration-declined':
      return { name: 'registration-declined', cardPresent: facts.cardPresent };
    case 'lifted':
      return { name: 'card-lifted', resumeSeconds: facts.resumeSeconds };
    case 'ended':
      return { name: 'idle' };
  }
}

/**
 * The kiosk screen is seen by whoever stands behind the patient: the copay ratio and the 限度額 class
 * (an income bracket, oqs-and-insurance.md §6) stay with staff, the log and the face outbox unless the
 * clinic chose to show them. What remains: the name to check, and that it needs checking.
 */
function patientFacing(person: ResultPerson | undefined, showFinancial: boolean): ResultPerson | undefined {
  if (!person || showFinancial) return person;
  const { copayTenths: _copay, limitLabel: _limit, ...rest } = person;
  return rest;
}

/** For the staff console: a card left on the take-card screen past `timeouts.takeCard`. */
export function cardLeftOf(
  s: State,
  reader: string,
  clock: ClinicClock,
  alerted: boolean,
): CardLeft | undefined {
  if (s.k !== 'take-card' || !alerted) return undefined;
  return { reader: reader.slice(0, 128), since: clock.clinicIso(s.since) };
}

/** For the staff console: a card waiting for a visual check. No personal data. */
export function visualPendingOf(
  s: State,
  reader: string,
  clock: ClinicClock,
  facts: Pick<ViewFacts, 'tokenKind' | 'certificateState'>,
): VisualPending | undefined {
  if (s.k !== 'visual-wait') return undefined;
  return {
    reader: reader.slice(0, 128),
    since: clock.clinicIso(s.since),
    tokenKind: facts.tokenKind,
    certificate: facts.certificateState,
  };
}
