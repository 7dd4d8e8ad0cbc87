// What the desk check-in page shows for each screen of the core's session: the staff's view, or the patient's.
import type { ErrorReason, Screen, TokenKind } from '../../../electron/common/contract';

/**
 * Screens only the patient answers: the PIN (staff must not key it in, oqs-and-insurance.md §3), 保険証利用登録
 * and the data-sharing and 限度額 consents (the patient's own choice, §3). On a staff terminal staff turn the
 * screen to the patient for these; every other screen is the staff's.
 */
export const patientSteps = ['pin', 'registration', 'consent', 'limit-consent'] as const;
export type PatientStep = (typeof patientSteps)[number];

export const isPatientStep = (name: Screen['name']): name is PatientStep =>
  (patientSteps as readonly string[]).includes(name);

/** A phone has no photo to compare, so no 目視確認 (oqs-and-insurance.md §5). */
const isPhone = (tokenKind: TokenKind | null): boolean => tokenKind === 'android' || tokenKind === 'iphone';

/** The staff's view of the check-in at the desk reader. */
export type DeskStep =
  | { kind: 'waiting' }
  | { kind: 'out-of-service'; reason: Extract<Screen, { name: 'out-of-service' }>['reason'] }
  | { kind: 'busy'; what: 'reading' | 'verifying' | 'registering' | 'confirming' }
  /** How the patient proves the card is theirs: the PIN on the turned screen, or 目視確認 at the desk. */
  | { kind: 'identity'; pin: boolean; visual: boolean; why: 'pin' | 'last-try' | 'pin-locked' | 'no-pin' }
  /** 目視確認 chosen: staff compare the card photo with the patient and approve or decline here. */
  | { kind: 'visual' }
  /** A step the patient answers on the turned screen. */
  | { kind: 'patient'; step: PatientStep }
  | { kind: 'result'; outcome: Extract<Screen, { name: 'result' }>['outcome']; receptionNumber: number }
  | { kind: 'take-card' }
  | { kind: 'card-lifted'; resumeSeconds: number }
  | { kind: 'registration-declined' }
  | { kind: 'error'; reason: ErrorReason; code: string };

export function deskStep(screen: Screen): DeskStep {
  switch (screen.name) {
    case 'idle':
      return { kind: 'waiting' };
    case 'out-of-service':
      return { kind: 'out-of-service', reason: screen.reason };
    case 'reading':
      return { kind: 'busy', what: 'reading' };
    case 'processing':
      return { kind: 'busy', what: screen.step };
    case 'pin':
      // The PIN pad is up: staff either turn the screen for it or check the patient against the card photo.
      return { kind: 'identity', pin: true, visual: !isPhone(screen.tokenKind), why: 'pin' };
    case 'choose-auth':
      return {
        kind: 'identity',
        pin: screen.options.includes('pin'),
        visual: screen.options.includes('visual'),
        why: screen.reason,
      };
    case 'visual-wait':
      return { kind: 'visual' };
    case 'registration':
    case 'consent':
    case 'limit-consent':
      return { kind: 'patient', step: screen.name };
    case 'result':
      return { kind: 'result', outcome: screen.outcome, receptionNumber: screen.receptionNumber };
    case 'take-card':
      return { kind: 'take-card' };
    case 'card-lifted':
      return { kind: 'card-lifted', resumeSeconds: screen.resumeSeconds };
    case 'registration-declined':
      return { kind: 'registration-declined' };
    case 'error':
      return { kind: 'error', reason: screen.reason, code: screen.code };
  }
}

/**
 * Whether the patient's screen shows now. Staff turn it for one step; when the session moves past the
 * patient's steps (the PIN verified, the consent given, the check-in cancelled) the staff view comes back
 * by itself, so a result or an error is never left facing the patient.
 */
export const showsPatient = (turned: boolean, screen: Screen): boolean =>
  turned && isPatientStep(screen.name);

/** A check-in is running at the desk reader (for the navigation badge). */
export const checkinRunning = (screen: Screen): boolean =>
  screen.name !== 'idle' && screen.name !== 'out-of-service';
