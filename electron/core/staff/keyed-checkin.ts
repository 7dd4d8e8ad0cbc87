// The keyed route: staff type the numbers of a 資格確認書; the rules check them before anything is sent.
import type { KeyedEntry, KeyedValidation, StaffConfirmationResult } from '../../common/contract';
import { KioskError } from '../../common/errors';
import { GatewayError, type QualificationGateway } from '../gateway/qualification-gateway';
import type { ConfirmationLog } from '../log/confirmation-log';
import { buildRecord, localDate, type Attempt } from '../session/attempt-record';
import type { Clock, RulesPort } from '../session/ports';
import { staffPersons, viewResult } from '../session/result-view';

export interface KeyedCheckinDeps {
  gateway: QualificationGateway;
  log: ConfirmationLog;
  rules: RulesPort;
  clock: Clock;
  terminalName(): string;
  /** A row was committed. */
  onRecorded(): void;
  /** The log refused a write: the kiosk goes out of service until it recovers. */
  onLogTrouble(): void;
  onGatewayTrouble(): void;
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
  const attempt: Attempt = {
    startedAt,
    terminal: deps.terminalName(),
    route: 'keyed',
    consents: {},
    // The patient's oral agreement, recorded by staff.
    limitConsent: { agreed: limitConsent, at: startedAt.toISOString() },
    staffId,
  };
  const record = (entryEnd: Parameters<typeof buildRecord>[1]): void => {
    try {
      deps.log.record(buildRecord(attempt, entryEnd));
    } catch (error) {
      deps.onLogTrouble();
      throw new KioskError('log.unavailable', '記録を保存できませんでした。確認結果は記録されていません', {
        cause: error,
      });
    }
    deps.onRecorded();
  };

  let result;
  try {
    result = await deps.gateway.confirm({ route: 'keyed', ...numbers, limitConsent });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.code === 'gateway.unavailable') deps.onGatewayTrouble();
    attempt.gatewayMs = deps.clock.now().getTime() - startedAt.getTime();
    record({
      outcome: 'error',
      endedAt: deps.clock.now(),
      errorCode: error.code,
      keyed: numbers,
      ...(error.systemCode ? { systemCode: error.systemCode } : {}),
    });
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
  let receptionNumber: number;
  try {
    receptionNumber = deps.log.nextReceptionNumber(localDate(now));
  } catch (error) {
    deps.onLogTrouble();
    throw new KioskError('log.unavailable', '記録を保存できませんでした。確認結果は記録されていません', {
      cause: error,
    });
  }
  record({ outcome: view.outcome, endedAt: now, result, receptionNumber, keyed: numbers });
  return {
    outcome: view.outcome,
    validity: result.validity,
    ...(result.processingResultCode ? { systemCode: result.processingResultCode.slice(0, 40) } : {}),
    persons: staffPersons(result),
    notices: view.notices,
    receptionNumber,
  };
}
