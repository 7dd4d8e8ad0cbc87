// The keyed route: staff type the numbers of a 資格確認書; the rules check them before anything is sent.
import type { KeyedEntry, KeyedValidation, StaffConfirmationResult, StaffDate } from '../../common/contract';
import { KioskError } from '../../common/errors';
import {
  GatewayError,
  type QualificationGateway,
  type QualificationResult,
} from '../gateway/qualification-gateway';
import type { ConfirmationLog } from '../log/confirmation-log';
import type { CalendarDate } from '../rules/calendar-date';
import { formatCompactDate, formatIsoDate } from '../rules/calendar-date';
import { newerIssuance } from '../rules/issuance';
import { formatJapaneseDate, parseKeyedDate } from '../rules/japanese-date';
import { AttemptRecorder } from '../session/attempt-recorder';
import { withoutLimit } from '../session/limit-use';
import { LIMIT_CONSENT_WHEN_NOT_ASKED } from '../session/session-state';
import type { ClinicClock } from '../clock/clinic-clock';
import type { RulesPort } from '../session/ports';
import { staffPersons, viewResult } from '../session/result-view';

export interface KeyedCheckinDeps {
  gateway: QualificationGateway;
  log: ConfirmationLog;
  rules: RulesPort;
  clock: ClinicClock;
  terminalName(): string;
  /**
   * The clinic still asks patients about 限度額 (config `consent.limitScreen`): staff then record the
   * patient's oral answer, and a refusal keeps the limit class out of what staff see and the log.
   */
  limitConsentAsked(): boolean;
  /** A row was committed. */
  onRecorded(): void;
  /** The log refused a write: the kiosk goes out of service until it recovers. */
  onLogTrouble(): void;
  onGatewayTrouble(): void;
}

/** What staff read when the log refuses the row: no result is shown; the row follows once storage recovers. */
export const LOG_UNAVAILABLE_MESSAGE =
  '確認ログに書き込めないため、確認結果は表示できません。記録は保存先が復旧しだい自動で書き込まれます。';

const staffDate = (date: CalendarDate): StaffDate => ({
  date: formatIsoDate(date),
  wareki: formatJapaneseDate(date),
});

/**
 * The answer names a later 交付年月日 than the paper staff keyed: the newest issue is the valid one (§4.1,
 * unconfirmed; rules/issuance.ts), so staff are told to ask for it. Only for a single person answered.
 */
function newerIssuanceOf(
  entry: KeyedEntry,
  result: QualificationResult,
): StaffConfirmationResult['newerIssuance'] {
  const person = result.persons.length === 1 ? result.persons[0] : undefined;
  // The entry passed the rules already, so a 交付年月日 that was typed is a readable date here.
  const keyed = entry.issuedOn === undefined ? undefined : parseKeyedDate(entry.issuedOn);
  if (!person || !keyed?.ok) return undefined;
  const newer = newerIssuance(formatCompactDate(keyed.date), person.cardIssuedOn);
  return newer ? { keyed: staffDate(newer.keyed), answer: staffDate(newer.answer) } : undefined;
}

export function validateKeyed(rules: RulesPort, entry: KeyedEntry): KeyedValidation {
  const checked = rules.validateKeyedEntry(entry);
  return checked.ok ? { ok: true, problems: [] } : { ok: false, problems: checked.problems };
}

/** Validates, asks the eligibility system, logs the attempt, and answers what staff see. */
export async function confirmKeyed(
  deps: KeyedCheckinDeps,
  entry: KeyedEntry,
  limitConsent: boolean,
  staffId: string,
): Promise<StaffConfirmationResult> {
  const checked = deps.rules.validateKeyedEntry(entry);
  if (!checked.ok) {
    throw new KioskError('keyed.invalid', checked.problems.map((p) => p.message.ja).join(' / '));
  }
  const numbers = checked.value;
  const startedAt = deps.clock.now();
  const asked = deps.limitConsentAsked();
  // Not asked: the request carries what the kiosk sends when it does not ask (session-state.ts).
  const limitFlag = asked ? limitConsent : LIMIT_CONSENT_WHEN_NOT_ASKED;
  const recorder = new AttemptRecorder(
    { log: deps.log, onRecorded: () => deps.onRecorded() },
    {
      startedAt,
      terminal: deps.terminalName(),
      route: 'keyed',
      consents: {},
      // The patient's oral answer, recorded by staff, when the clinic asks at all.
      ...(asked ? { limitConsent: { agreed: limitConsent, at: startedAt.toISOString() } } : {}),
      staffId,
    },
  );
  /** Staff are not shown a result that is not on disk; the kept row is written once the log recovers. */
  const refused = (commit: { ok: false; error: unknown }): KioskError => {
    deps.onLogTrouble();
    return new KioskError('log.unavailable', LOG_UNAVAILABLE_MESSAGE, { cause: commit.error });
  };

  let result;
  try {
    const answer = await deps.gateway.confirm({ route: 'keyed', ...numbers, limitConsent: limitFlag });
    // A declined use keeps the clinic's word even though the system sends the block anyway (limit-use.ts).
    result = limitFlag ? answer : withoutLimit(answer);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.code === 'gateway.unavailable') deps.onGatewayTrouble();
    recorder.attempt.gatewayMs = deps.clock.now().getTime() - startedAt.getTime();
    const commit = recorder.commit({
      outcome: 'error',
      endedAt: deps.clock.now(),
      errorCode: error.code,
      keyed: numbers,
      ...(error.systemCode ? { systemCode: error.systemCode } : {}),
    });
    if (!commit.ok) throw refused(commit);
    return {
      outcome: 'error',
      errorCode: error.code,
      ...(error.systemCode ? { systemCode: error.systemCode } : {}),
      persons: [],
      notices: [],
    };
  }
  const now = deps.clock.now();
  recorder.attempt.gatewayMs = now.getTime() - startedAt.getTime();
  // The copay is derived for the answer's confirmation date, else the clinic's day (result-view.ts).
  const clinicDay = deps.clock.today();
  const view = viewResult(result, 'unknown', clinicDay);
  // Every ending with an answer gets a number, issued in the row's own commit (session/README.md); staff
  // see no result that is not on record: a refused row is kept as an error, without a reception number.
  const commit = recorder.commitAnswer({
    outcome: view.outcome,
    endedAt: now,
    result,
    keyed: numbers,
    copayTenths: view.copay?.tenths,
  });
  if (!commit.ok) throw refused(commit);
  const receptionNumber = commit.receptionNumber;
  const newer = newerIssuanceOf(entry, result);
  return {
    outcome: view.outcome,
    validity: result.validity,
    ...(result.processingResultCode ? { systemCode: result.processingResultCode.slice(0, 40) } : {}),
    persons: staffPersons(result, clinicDay),
    notices: view.notices,
    ...(newer ? { newerIssuance: newer } : {}),
    receptionNumber,
  };
}
