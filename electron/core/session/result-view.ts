// Turns an eligibility result into what the patient screen shows and what staff see (oqs-and-insurance.md §2.4).
import type {
  CertificateState,
  CopaySource,
  ResultNotice,
  ResultPerson,
  StaffConfirmationResult,
} from '../../common/contract';
import type { InsuredPerson, QualificationResult } from '../gateway/qualification-gateway';
import type { CalendarDate } from '../rules/calendar-date';
import { parseCompactDate, parseIsoDate } from '../rules/calendar-date';
import type { CopayTenths, DerivedCopay } from '../rules/copay';
import { deriveCopay } from '../rules/copay';
import { formatJapaneseDate } from '../rules/japanese-date';

export type ResultOutcome = 'confirmed' | 'needs-attention' | 'not-insured';

/** The copay of the person shown; `tenths` is absent only for 医療扶助 / 公費 (`public-assistance`). */
export interface ViewCopay {
  tenths?: CopayTenths;
  source: CopaySource;
}

export interface ResultView {
  outcome: ResultOutcome;
  /** The single person confirmed; absent when none or several (staff choose). */
  person?: InsuredPerson;
  /** That person's copay as the rules derive it (rules/copay.ts); absent when it cannot be derived. */
  copay?: ViewCopay;
  notices: ResultNotice[];
}

/** QualificationValidity (OQSCD006) → outcome and the notice that explains it. */
const validityTable: Record<number, { outcome: ResultOutcome; notice?: ResultNotice }> = {
  1: { outcome: 'confirmed' },
  2: { outcome: 'not-insured', notice: 'validity-invalid' },
  3: { outcome: 'not-insured', notice: 'validity-superseded' },
  4: { outcome: 'not-insured', notice: 'validity-not-found' },
  5: { outcome: 'needs-attention', notice: 'validity-multiple' },
  6: { outcome: 'needs-attention', notice: 'validity-unregistered' },
};

/**
 * The day the copay is derived for: the answer's own `QualificationConfirmationDate` (yyyyMMdd) when it is
 * a real date, else the clinic's day (yyyy-MM-dd, from the clinic clock) the caller passes.
 */
export function confirmationDateOf(result: QualificationResult, clinicDay: string): CalendarDate | undefined {
  const answered = result.qualificationConfirmationDate;
  return (answered === undefined ? undefined : parseCompactDate(answered)) ?? parseIsoDate(clinicDay);
}

/** The rule's view of one person: the ratio as sent, or its reading when only that is known. */
function copayOf(person: InsuredPerson, date: CalendarDate | undefined): DerivedCopay {
  if (!date) return { ok: false, reason: 'missing', code: 'rules.copay.date-unreadable' };
  const insurerRatio =
    person.contributionRatio ??
    (person.copayTenths === undefined ? undefined : `0${String(person.copayTenths)}0`);
  return deriveCopay(
    {
      birthdate: person.birthdate,
      insurerNumber: person.insurerNumber,
      ...(insurerRatio === undefined ? {} : { insurerRatio }),
      ...(person.preschool === undefined ? {} : { preschool: person.preschool }),
      ...(person.elderly ? { elderly: person.elderly } : {}),
      ...(person.cardClassification === undefined ? {} : { cardClassification: person.cardClassification }),
      ...(person.publicExpenseNumber === undefined
        ? {}
        : { publicExpenseNumber: person.publicExpenseNumber }),
    },
    date,
  );
}

const viewCopay = (derived: DerivedCopay): ViewCopay | undefined => {
  if (!derived.ok) return undefined;
  return derived.source === 'public-assistance'
    ? { source: derived.source }
    : { tenths: derived.tenths, source: derived.source };
};

/**
 * The outcome, the notices and the copay of an answer. `clinicDay` is the clinic's day (yyyy-MM-dd) from the
 * clinic clock; the copay is derived for the answer's confirmation date when it has one. A patient is sent to
 * the desk over the copay only when the rule finds the data missing or contradictory; 医療扶助 / 公費 answers
 * have no insurance ratio and raise no copay notice.
 */
export function viewResult(
  result: QualificationResult,
  certificate: CertificateState,
  clinicDay: string,
): ResultView {
  const row = validityTable[result.validity] ?? { outcome: 'needs-attention' as const };
  const notices: ResultNotice[] = [];
  if (row.notice) notices.push(row.notice);
  const person = result.persons.length === 1 ? result.persons[0] : undefined;
  let outcome = row.outcome;
  let copay: ViewCopay | undefined;
  if (person && outcome !== 'not-insured') {
    const derived = copayOf(person, confirmationDateOf(result, clinicDay));
    copay = viewCopay(derived);
    if (outcome === 'confirmed') {
      if (person.nameHasUnrenderable) notices.push('name-needs-check');
      if (!derived.ok) notices.push(derived.reason === 'missing' ? 'copay-unknown' : 'copay-conflict');
      if (person.nameHasUnrenderable || !derived.ok) outcome = 'needs-attention';
    }
  }
  if (certificate === 'grace') notices.push('certificate-grace');
  if (certificate === 'expiring-soon') notices.push('certificate-expiring-soon');
  return {
    outcome,
    ...(outcome === 'not-insured' || !person ? {} : { person }),
    ...(copay ? { copay } : {}),
    notices,
  };
}

/** Only what the patient's result screen may show; session-view decides what it does show. */
export function patientPerson(view: Pick<ResultView, 'person' | 'copay'>): ResultPerson | undefined {
  const person = view.person;
  if (!person) return undefined;
  const tenths = view.copay?.tenths;
  return {
    name: person.name.slice(0, 100),
    nameNeedsStaffCheck: person.nameHasUnrenderable,
    ...(tenths ? { copayTenths: tenths } : {}),
    ...(person.limit ? { limitLabel: person.limit.label.slice(0, 40) } : {}),
  };
}

/** The birth date in 和暦 for staff; absent when the answer's date is not a real yyyyMMdd date. */
function warekiOf(compact: string): string | undefined {
  const date = parseCompactDate(compact);
  return date ? formatJapaneseDate(date) : undefined;
}

/** Every person of the answer as staff see them, each with the copay the rules derive for the day. */
export function staffPersons(
  result: QualificationResult,
  clinicDay: string,
): StaffConfirmationResult['persons'] {
  // Bounded as the contract bounds them: a malformed answer must not make the whole reply invalid.
  const cut = (text: string, max: number): string => text.slice(0, max);
  const date = confirmationDateOf(result, clinicDay);
  return result.persons.map((p) => {
    const copay = viewCopay(copayOf(p, date));
    const wareki = warekiOf(p.birthdate);
    return {
      name: cut(p.name, 100),
      ...(p.nameKana ? { nameKana: cut(p.nameKana, 100) } : {}),
      nameNeedsStaffCheck: p.nameHasUnrenderable,
      birthdate: cut(p.birthdate, 10),
      ...(wareki ? { birthdateWareki: cut(wareki, 20) } : {}),
      insurerNumber: cut(p.insurerNumber, 8),
      ...(p.insurerName ? { insurerName: cut(p.insurerName, 100) } : {}),
      ...(p.symbol ? { symbol: cut(p.symbol, 64) } : {}),
      number: cut(p.number, 64),
      ...(p.branch ? { branch: cut(p.branch, 4) } : {}),
      ...(copay?.tenths ? { copayTenths: copay.tenths } : {}),
      ...(copay ? { copaySource: copay.source } : {}),
      ...(p.limit ? { limitLabel: cut(p.limit.label, 40) } : {}),
    };
  });
}
