// The embedded default gateway: answers from the synthetic people through a real XML round trip, with configurable faults.
import { setTimeout as delay } from 'node:timers/promises';
import {
  GatewayError,
  gatewayErrorCodes,
  type CardConfirmation,
  type ConfirmationRequest,
  type ConsentCategory,
  type GatewayErrorCode,
  type InsuredPerson,
  type KeyedConfirmation,
  type QualificationGateway,
  type QualificationResult,
  type QualificationValidity,
} from '../qualification-gateway';
import {
  CONSENT_VALID_MS,
  formatOqsDate,
  formatOqsDateTime,
  normalizeInsurerNumber,
  oqsDateTimeToIso,
  validityLabels,
} from '../xml/codes';
import { errorDocument, parseResultXml, resultToDocument } from '../xml/result-mapper';
import { writeResultDocument, type ResultDocument } from '../xml/result-document';
import type { RequestEnvelope } from '../xml/request-xml';
import { assertChallengeSigned, readCardIdentity } from './card-identity';
import { simulatedPeople, type SimulatedPerson } from './people';
import { personOn } from './population-year';
import { isValidCalendarDate, type CalendarDate } from '../../rules/calendar-date';
import { normalizeKeyedText } from '../../rules/normalize';
import { ruleApplies } from '../../rules/transitions';

export interface SimulatorFaults {
  /**
   * Never answer: the request fails with gateway.timeout once `timeoutMs` has passed, like the folder
   * gateway giving up on a missing res/ file (oqs-and-insurance.md §2.1); without `timeoutMs`, after the latency.
   */
  timeout?: boolean;
  /** With `timeout`: how long the system stays silent, exactly (the kiosk's `gateway.timeoutSeconds`). */
  timeoutMs?: number;
  /** A GatewayErrorCode to fail with, or any other text: a system error code in an abnormal-end answer. */
  error?: string;
  /** Answer with a broken (truncated) result file. */
  malformed?: boolean;
  /** Overrides the configured latency. */
  latencyMs?: number;
}

export interface SimulatorGatewayOptions {
  clock: () => Date;
  latencyMs?: number;
  faults?: SimulatorFaults;
  /** Latency jitter: each answer takes latency × (0.5 + random()). Without it, latency is exact. */
  random?: () => number;
  people?: readonly SimulatedPerson[];
  /** 医療機関コード written into results. */
  medicalInstitutionCode?: string;
}

/**
 * The header of the request being answered (§2.3): ArbitraryFileIdentifier, 医療機関コード and the
 * confirmation date (yyyyMMdd). The answer echoes all three in its own header (§2.4).
 */
export type SimulatedRequestHeader = Pick<
  RequestEnvelope,
  'requestId' | 'medicalInstitutionCode' | 'confirmationDate'
>;

/** What the simulated system decided, before it is written as a result file. */
export type SimulatedOutcome =
  | { kind: 'result'; result: QualificationResult }
  | ({ kind: 'processing'; processedAt: string } & SimulatedRequestHeader)
  | ({ kind: 'error'; processedAt: string; errorCode: string; errorMessage: string } & SimulatedRequestHeader)
  | { kind: 'no-answer' }
  | { kind: 'malformed'; bytes: Buffer };

export interface SimulatorGateway extends QualificationGateway {
  readonly kind: 'simulator';
  readonly people: readonly SimulatedPerson[];
  setFaults(faults: SimulatorFaults): void;
  faults(): SimulatorFaults;
  /**
   * Decide the answer without the latency and without turning it into an error (the terminal simulator
   * writes it). `header` is the request's header; what it leaves out is this gateway's own: a fresh
   * request id, the configured 医療機関コード and today's date on the clock.
   */
  decide(request: ConfirmationRequest, header?: Partial<SimulatedRequestHeader>): SimulatedOutcome;
}

/** A fictional but check-digit-valid 医療機関コード (§7). */
export const SIMULATOR_MEDICAL_INSTITUTION_CODE = '0110113719';

const isGatewayErrorCode = (value: string): value is GatewayErrorCode =>
  (gatewayErrorCodes as readonly string[]).includes(value);

const gatewayErrorMessages: Record<GatewayErrorCode, string> = {
  'gateway.timeout': '資格確認の応答がありません（時間切れ）。',
  'gateway.unavailable': '資格確認システムにつながりません。',
  'gateway.malformed-response': '資格確認の応答を読み取れません。',
  'gateway.processing': '資格確認端末で処理中です。少し待ってからもう一度確認してください。',
  'gateway.rejected': '資格確認がエラーになりました。',
  'gateway.signature-invalid': 'カードの署名を検証できませんでした。',
  'gateway.certificate-invalid': 'カードの電子証明書を読み取れません。',
  'gateway.not-registered': 'このカードは健康保険証として利用登録されていません。',
};

const trim = (value: string | undefined): string => (value ?? '').trim();

/** yyyyMMdd → a calendar date, or undefined when it is not a real day. */
function calendarDateOf(yyyymmdd: string): CalendarDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCalendarDate(date) ? date : undefined;
}
/** 記号・番号 compare as the keyed-entry rules normalise them: full-width and half-width are the same. */
const sameKeyedText = (a: string | undefined, b: string | undefined): boolean =>
  normalizeKeyedText(trim(a)).replace(/\s+/g, '') === normalizeKeyedText(trim(b)).replace(/\s+/g, '');

export function createSimulatorGateway(options: SimulatorGatewayOptions): SimulatorGateway {
  const people = options.people ?? simulatedPeople;
  const medicalInstitutionCode = options.medicalInstitutionCode ?? SIMULATOR_MEDICAL_INSTITUTION_CODE;
  let faults: SimulatorFaults = { ...options.faults };
  let closed = false;
  let counter = 0;
  // 保険証利用登録, per gateway instance: serial → registered.
  const registration = new Map<string, boolean>();
  for (const p of people)
    if (p.certificateSerial) registration.set(p.certificateSerial, p.registered ?? true);
  const bySerial = new Map(
    people.filter((p) => p.certificateSerial).map((p) => [p.certificateSerial ?? '', p]),
  );

  const nowTimes = () => {
    const now = options.clock();
    const stamp = formatOqsDateTime(now);
    return { now, stamp, iso: oqsDateTimeToIso(stamp) ?? now.toISOString() };
  };

  const nextRequestId = () => `SIM${String(++counter).padStart(8, '0')}`;

  function keyedMatches(
    request: KeyedConfirmation,
    population: readonly SimulatedPerson[],
  ): SimulatedPerson[] {
    return population.filter((p) => {
      const x = p.person;
      return (
        normalizeInsurerNumber(x.insurerNumber) === normalizeInsurerNumber(request.insurerNumber) &&
        trim(x.insurerNumber) !== '' &&
        sameKeyedText(x.symbol, request.symbol) &&
        sameKeyedText(x.number, request.number) &&
        x.birthdate === trim(request.birthdate) &&
        (trim(request.branch) === '' || trim(x.branch) === trim(request.branch))
      );
    });
  }

  /**
   * The consent triples of a card-route answer (§2.5): only for items the patient answered. An
   * agreed item gets its Flg, ConsTime and AvailableTime (ConsTime + 24 h); a declined one only its
   * Flg 0, as in the published face sample (hangilc/myclinic-ts onshi-face.test.ts).
   */
  function consentStates(
    request: CardConfirmation,
    stamp: string,
    now: Date,
  ): QualificationResult['consents'] {
    const until = formatOqsDateTime(new Date(now.getTime() + CONSENT_VALID_MS));
    const out: QualificationResult['consents'] = {};
    for (const [category, agreed] of Object.entries(request.consents ?? {}) as [
      ConsentCategory,
      boolean | undefined,
    ][]) {
      if (agreed === undefined) continue;
      out[category] = agreed
        ? { agreed, flag: '1', consentTime: stamp, availableUntil: until }
        : { agreed, flag: '0' };
    }
    return out;
  }

  /** The request's header, completed with this gateway's own where it gives none. */
  function completeHeader(
    header: Partial<SimulatedRequestHeader> | undefined,
    now: Date,
  ): SimulatedRequestHeader {
    const date = trim(header?.confirmationDate);
    return {
      requestId: header?.requestId ?? nextRequestId(),
      medicalInstitutionCode: trim(header?.medicalInstitutionCode) || medicalInstitutionCode,
      confirmationDate: date || formatOqsDate(now),
    };
  }

  /**
   * Since 2024-10-07 限度額 information reaches the clinic without the patient's consent (§3; the
   * transition table's limitInfoWithoutConsent); before that day only with it. Judged on the
   * confirmation date of the request. The 電子証明書's grace period does not withhold it: only 薬剤・診療
   * data are restricted there (§5).
   */
  function limitShown(consent: boolean, day: CalendarDate | undefined): boolean {
    if (consent) return true;
    return day !== undefined && ruleApplies('limitInfoWithoutConsent', day);
  }

  /** The system-wide faults apply on top of whatever the person's answer would have been. */
  function decide(request: ConfirmationRequest, given?: Partial<SimulatedRequestHeader>): SimulatedOutcome {
    const header = completeHeader(given, options.clock());
    const outcome = decideForPerson(request, header);
    const error = faults.error;
    if (error !== undefined && !isGatewayErrorCode(error)) {
      return {
        kind: 'error',
        ...header,
        processedAt: nowTimes().iso,
        errorCode: error,
        errorMessage: '資格確認でエラーが発生しました。',
      };
    }
    if (faults.malformed) {
      const full = writeResultDocument(outcomeToDocument(outcome), 'utf8');
      return { kind: 'malformed', bytes: full.subarray(0, Math.floor(full.length / 2)) };
    }
    if (faults.timeout) return { kind: 'no-answer' };
    return outcome;
  }

  function decideForPerson(
    request: ConfirmationRequest,
    header: SimulatedRequestHeader,
  ): Extract<SimulatedOutcome, { kind: 'result' | 'processing' | 'error' }> {
    const { requestId } = header;
    const { now, stamp, iso } = nowTimes();
    const day = calendarDateOf(header.confirmationDate) ?? calendarDateOf(formatOqsDate(now));
    // Each person as they stand on the confirmation date (population-year.ts).
    const asOn = (p: SimulatedPerson): SimulatedPerson =>
      day ? { ...p, person: personOn(p.person, day) } : p;
    let matches: SimulatedPerson[];
    let consents: QualificationResult['consents'] = {};
    if (request.route === 'keyed') {
      matches = keyedMatches(request, people.map(asOn));
    } else {
      const identity = readCardIdentity(request.certificate);
      if (request.route === 'card-pin') assertChallengeSigned(identity, request.challenge, request.signature);
      if (registration.get(identity.serialHex) === false) {
        throw new GatewayError('gateway.not-registered', gatewayErrorMessages['gateway.not-registered']);
      }
      const holder = bySerial.get(identity.serialHex);
      matches = holder ? [asOn(holder)] : [];
      consents = consentStates(request, stamp, now);
    }
    const single = matches.length === 1 ? matches[0] : undefined;
    if (single?.answer?.kind === 'processing') return { kind: 'processing', ...header, processedAt: iso };
    if (single?.answer?.kind === 'error') {
      return {
        kind: 'error',
        ...header,
        processedAt: iso,
        errorCode: single.answer.errorCode,
        errorMessage: single.answer.errorMessage,
      };
    }
    const validity: QualificationValidity =
      matches.length === 0 ? 4 : matches.length > 1 ? 5 : (single?.validity ?? 4);
    const withLimit = limitShown(request.limitConsent, day);
    const persons: InsuredPerson[] = matches.map((m) => {
      if (withLimit || !m.person.limit) return m.person;
      const { limit: _withheld, ...rest } = m.person;
      return rest;
    });
    const result: QualificationResult = {
      gateway: 'simulator',
      requestId,
      processedAt: iso,
      referenceClassification: request.route === 'keyed' ? '2' : '1',
      validity,
      validityLabel: validityLabels[validity],
      persons,
      consents,
      medicalInstitutionCode: header.medicalInstitutionCode,
      qualificationConfirmationDate: header.confirmationDate,
      processingResultCode: '0000',
      processingResultMessage: '正常終了',
    };
    if (persons.length > 0) {
      // The flag as the request gave it (OQSCD001); a time only when consent was given (§2.5).
      result.limitConsent = request.limitConsent
        ? { agreed: true, flag: '1', consentTime: stamp }
        : { agreed: false, flag: '0' };
    }
    return { kind: 'result', result };
  }

  async function wait(signal?: AbortSignal): Promise<void> {
    const base = faults.latencyMs ?? options.latencyMs ?? 0;
    // A silent system is waited out for the configured time, without jitter: that is when the kiosk gives up.
    const silent = faults.timeout && faults.timeoutMs !== undefined ? faults.timeoutMs : undefined;
    const ms = silent ?? (options.random ? base * (0.5 + options.random()) : base);
    if (ms <= 0) {
      await Promise.resolve();
      if (signal?.aborted) throw aborted(signal);
      return;
    }
    try {
      await delay(ms, undefined, { signal });
    } catch (cause) {
      throw aborted(signal, cause);
    }
  }

  const gateway: SimulatorGateway = {
    kind: 'simulator',
    people,
    setFaults(next) {
      faults = { ...next };
    },
    faults: () => ({ ...faults }),
    decide,
    async confirm(request, signal) {
      if (closed) throw new GatewayError('gateway.unavailable', '資格確認ゲートウェイは終了しています。');
      await wait(signal);
      const fault = faults.error;
      if (fault !== undefined && isGatewayErrorCode(fault))
        throw new GatewayError(fault, gatewayErrorMessages[fault]);
      const outcome = decide(request);
      const asSimulator = { gateway: 'simulator' as const };
      switch (outcome.kind) {
        case 'no-answer':
          throw new GatewayError('gateway.timeout', gatewayErrorMessages['gateway.timeout']);
        case 'malformed':
          return parseResultXml(outcome.bytes, asSimulator);
        default:
          // Through the real writer and reader, so the simulator exercises the same mapping as the folder gateway.
          return parseResultXml(writeResultDocument(outcomeToDocument(outcome), 'utf8'), {
            ...asSimulator,
            requestId: outcome.kind === 'result' ? outcome.result.requestId : outcome.requestId,
          });
      }
    },
    async isRegistered(certificate, signal) {
      if (signal?.aborted) throw aborted(signal);
      const identity = readCardIdentity(certificate);
      // A card the system has never seen is treated as registered; confirming it then finds no qualification (4).
      return registration.get(identity.serialHex) ?? true;
    },
    async register(request, signal) {
      if (signal?.aborted) throw aborted(signal);
      if (closed) throw new GatewayError('gateway.unavailable', '資格確認ゲートウェイは終了しています。');
      const identity = readCardIdentity(request.certificate);
      // 目視確認: staff vouched for the holder, so there is no signature to check (§3).
      if (request.route === 'card-pin') assertChallengeSigned(identity, request.challenge, request.signature);
      registration.set(identity.serialHex, true);
    },
    async health() {
      if (closed) return { ok: false, detail: 'シミュレーターは終了しています。' };
      if (faults.timeout) return { ok: false, detail: 'シミュレーター: 応答なし（障害設定）' };
      if (faults.error === 'gateway.unavailable')
        return { ok: false, detail: 'シミュレーター: 接続不可（障害設定）' };
      return { ok: true, detail: `シミュレーター（${people.length} 名）` };
    },
    async close() {
      closed = true;
    },
  };
  return gateway;
}

/** The result file the simulated system writes for an outcome; its header echoes the request's (§2.4). */
export function outcomeToDocument(
  outcome: Extract<SimulatedOutcome, { kind: 'result' | 'processing' | 'error' }>,
): ResultDocument {
  if (outcome.kind === 'result') return resultToDocument(outcome.result);
  const common = {
    requestId: outcome.requestId,
    processedAt: outcome.processedAt,
    medicalInstitutionCode: outcome.medicalInstitutionCode,
    confirmationDate: outcome.confirmationDate,
  };
  return outcome.kind === 'processing'
    ? errorDocument({ segment: '2', ...common })
    : errorDocument({
        segment: '9',
        ...common,
        errorCode: outcome.errorCode,
        errorMessage: outcome.errorMessage,
      });
}

function aborted(signal?: AbortSignal, cause?: unknown): GatewayError {
  return new GatewayError('gateway.unavailable', '資格確認を中止しました。', undefined, {
    cause: cause ?? signal?.reason,
  });
}
