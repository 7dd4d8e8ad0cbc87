// The keyed route: staff type the numbers of a 資格確認書; the rules check them before anything is sent.
import type { KeyedEntry, KeyedValidation, StaffConfirmationResult } from '../../common/contract';
import { KioskError } from '../../common/errors';
import { GatewayError, type QualificationGateway } from '../gateway/qualification-gateway';
import type { ConfirmationLog } from '../log/confirmation-log';
import { AttemptRecorder } from '../session/attempt-recorder';
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
  const recorder = new AttemptRecorder(
    { log: deps.log, onRecorded: () => deps.onRecorded() },
    {
      startedAt,
      terminal: deps.terminalName(),
      route: 'keyed',
      consents: {},
      // The patient's oral agreement, recorded by staff.
      limitConsent: { agreed: limitConsent, at: startedAt.toISOString() },
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
    result = await deps.gateway.confirm({ route: 'keyed', ...numbers, limitConsent });
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
  const view = viewResult(result, 'unknown');
  // Every ending with an answer gets a number, issued in the row's own commit (session/README.md); staff
  // see no result that is not on record: a refused row is kept as an error, without a reception number.
  const commit = recorder.commitAnswer({ outcome: view.outcome, endedAt: now, result, keyed: numbers });
  if (!commit.ok) throw refused(commit);
  const receptionNumber = commit.receptionNumber;
  return {
    outcome: view.outcome,
    validity: result.validity,
    ...(result.processingResultCode ? { systemCode: result.processingResultCode.slice(0, 40) } : {}),
    persons: staffPersons(result),
    notices: view.notices,
    receptionNumber,
  };
}
