// The keyed route: staff type the numbers of a 資格確認書; the rules check them before anything is sent.
import type { KeyedEntry, KeyedValidation, StaffConfirmationResult } from '../../common/contract';
import { KioskError } from '../../common/errors';
import { GatewayError, type QualificationGateway } from '../gateway/qualification-gateway';
import { refusalCodeOf, type ConfirmationLog, type ConfirmationRecord } from '../log/confirmation-log';
import { buildRecord, type Attempt, type AttemptEnd } from '../session/attempt-record';
import type { ClinicClock } from '../clock/clinic-clock';
import type { RulesPort } from '../session/ports';
import { staffPersons, viewResult } from '../session/result-view';

export interface KeyedCheckinDeps {
  gateway: QualificationGateway;
  log: ConfirmationLog;
  rules: RulesPort;
  clock: ClinicClock;
  terminalName(): string;
  /** A row was committed. */
  onRecorded(): void;
  /** The log refused a write: the kiosk goes out of service until it recovers. */
  onLogTrouble(): void;
  onGatewayTrouble(): void;
}

/** What staff read when the log refuses the row: no result is shown; the row follows once storage recovers. */
export const LOG_UNAVAILABLE_MESSAGE =
  '確認ログに書き込めないため、確認結果は表示できません。記録は保存先が復旧しだい自動で書き込まれます。';

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
  const attempt: Attempt = {
    startedAt,
    terminal: deps.terminalName(),
    route: 'keyed',
    consents: {},
    // The patient's oral agreement, recorded by staff.
    limitConsent: { agreed: limitConsent, at: startedAt.toISOString() },
    staffId,
  };
  /** Staff are not shown a result that is not on disk; the kept row is written once the log recovers. */
  const refused = (error: unknown, kept: ConfirmationRecord): KioskError => {
    deps.log.keep(kept);
    deps.onLogTrouble();
    return new KioskError('log.unavailable', LOG_UNAVAILABLE_MESSAGE, { cause: error });
  };
  /** Commits the row (issuing a reception number when `numbered`); a refusal keeps `keptInstead` or the row. */
  const record = (
    entryEnd: AttemptEnd,
    numbered: boolean,
    keptInstead?: (error: unknown) => AttemptEnd,
  ): number | undefined => {
    const built = buildRecord(attempt, entryEnd);
    let receptionNumber: number | undefined;
    try {
      if (numbered) receptionNumber = deps.log.recordNumbered(built).receptionNumber;
      else deps.log.record(built);
    } catch (error) {
      throw refused(error, keptInstead ? buildRecord(attempt, keptInstead(error)) : built);
    }
    deps.onRecorded();
    return receptionNumber;
  };

  let result;
  try {
    result = await deps.gateway.confirm({ route: 'keyed', ...numbers, limitConsent });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.code === 'gateway.unavailable') deps.onGatewayTrouble();
    attempt.gatewayMs = deps.clock.now().getTime() - startedAt.getTime();
    record(
      {
        outcome: 'error',
        endedAt: deps.clock.now(),
        errorCode: error.code,
        keyed: numbers,
        ...(error.systemCode ? { systemCode: error.systemCode } : {}),
      },
      false,
    );
    return {
      outcome: 'error',
      errorCode: error.code,
      ...(error.systemCode ? { systemCode: error.systemCode } : {}),
      persons: [],
      notices: [],
    };
  }
  const now = deps.clock.now();
  attempt.gatewayMs = now.getTime() - startedAt.getTime();
  const view = viewResult(result, 'unknown');
  // Staff see no result that is not on record: the row kept instead says so, without a reception number.
  const notShown = (error: unknown): AttemptEnd => ({
    outcome: 'error',
    errorCode: refusalCodeOf(error),
    endedAt: now,
    result,
    keyed: numbers,
  });
  // Every ending with an answer gets a number, issued in the row's own commit (session/README.md).
  const receptionNumber = record(
    { outcome: view.outcome, endedAt: now, result, keyed: numbers },
    true,
    notShown,
  );
  return {
    outcome: view.outcome,
    validity: result.validity,
    ...(result.processingResultCode ? { systemCode: result.processingResultCode.slice(0, 40) } : {}),
    persons: staffPersons(result),
    notices: view.notices,
    ...(receptionNumber !== undefined ? { receptionNumber } : {}),
  };
}
