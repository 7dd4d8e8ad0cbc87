// Turns an eligibility result into what the patient screen shows and what staff see (oqs-and-insurance.md §2.4).
import type {
  CertificateState,
  ResultNotice,
  ResultPerson,
  StaffConfirmationResult,
} from '../../common/contract';
import type { InsuredPerson, QualificationResult } from '../gateway/qualification-gateway';

export type ResultOutcome = 'confirmed' | 'needs-attention' | 'not-insured';

export interface ResultView {
  outcome: ResultOutcome;
  /** The single person confirmed; absent when none or several (staff choose). */
  person?: InsuredPerson;
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

export function viewResult(result: QualificationResult, certificate: CertificateState): ResultView {
  const row = validityTable[result.validity] ?? { outcome: 'needs-attention' as const };
  const notices: ResultNotice[] = [];
  if (row.notice) notices.push(row.notice);
  const person = result.persons.length === 1 ? result.persons[0] : undefined;
  let outcome = row.outcome;
  if (person && outcome === 'confirmed') {
    if (person.nameHasUnrenderable) notices.push('name-needs-check');
    if (person.copayTenths === undefined) notices.push('copay-unknown');
    if (person.nameHasUnrenderable || person.copayTenths === undefined) outcome = 'needs-attention';
  }
  if (certificate === 'grace') notices.push('certificate-grace');
  if (certificate === 'expiring-soon') notices.push('certificate-expiring-soon');
  return { outcome, person: outcome === 'not-insured' ? undefined : person, notices };
}

/** Only what the patient's result screen shows. */
export function patientPerson(person: InsuredPerson | undefined): ResultPerson | undefined {
  if (!person) return undefined;
  return {
    name: person.name.slice(0, 100),
    nameNeedsStaffCheck: person.nameHasUnrenderable,
    ...(person.copayTenths ? { copayTenths: person.copayTenths } : {}),
    ...(person.limit ? { limitLabel: person.limit.label.slice(0, 40) } : {}),
  };
}

export function staffPersons(result: QualificationResult): StaffConfirmationResult['persons'] {
  // Bounded as the contract bounds them: a malformed answer must not make the whole reply invalid.
  const cut = (text: string, max: number): string => text.slice(0, max);
  return result.persons.map((p) => ({
    name: cut(p.name, 100),
    ...(p.nameKana ? { nameKana: cut(p.nameKana, 100) } : {}),
    nameNeedsStaffCheck: p.nameHasUnrenderable,
    birthdate: cut(p.birthdate, 10),
    insurerNumber: cut(p.insurerNumber, 8),
    ...(p.insurerName ? { insurerName: cut(p.insurerName, 100) } : {}),
    ...(p.symbol ? { symbol: cut(p.symbol, 64) } : {}),
    number: cut(p.number, 64),
    ...(p.branch ? { branch: cut(p.branch, 4) } : {}),
    ...(p.copayTenths ? { copayTenths: p.copayTenths } : {}),
    ...(p.limit ? { limitLabel: cut(p.limit.label, 40) } : {}),
  }));
}
