// The RulesPort over the insurance rules (electron/core/rules), on the terminal's clock.
import type { KeyedEntry } from '../../common/contract';
import { certificateStatus } from '../rules/certificate-status';
import { validateKeyedEntry } from '../rules/keyed-entry';
import { validateMedicalInstitutionCode } from '../rules/medical-institution-code';
import type { RuleError } from '../rules/rule-result';
import type { ClinicClock } from '../clock/clinic-clock';
import type { RuleProblem, RulesPort } from './ports';

/** Contract document kinds → the rules' names (oqs-and-insurance.md §4.1, §5). */
const documentKinds = {
  'shikaku-kakuninsho': 'eligibility-certificate',
  oshirase: 'eligibility-notice',
  hokensho: 'health-insurance-card',
} as const satisfies Record<KeyedEntry['documentKind'], string>;

const problems = (errors: RuleError[]): RuleProblem[] =>
  errors.map((e) => ({ field: e.field, code: e.code, message: { ja: e.message.ja, en: e.message.en } }));

export function createRulesPort(clock: ClinicClock): RulesPort {
  const now = (): Date => clock.now();
  return {
    certificateStatus: (facts) => certificateStatus(facts, now).state,
    validateKeyedEntry(entry) {
      const checked = validateKeyedEntry(
        {
          documentKind: documentKinds[entry.documentKind],
          insurerNumber: entry.insurerNumber,
          symbol: entry.symbol,
          number: entry.number,
          branch: entry.branch,
          birthDate: entry.birthDate,
          ...(entry.issuedOn !== undefined ? { issuedOn: entry.issuedOn } : {}),
          ...(entry.validUntil !== undefined ? { validUntil: entry.validUntil } : {}),
          ...(entry.staffSawMyNumberCard !== undefined
            ? { staffSawMyNumberCard: entry.staffSawMyNumberCard }
            : {}),
        },
        now,
      );
      if (!checked.ok) return { ok: false, problems: problems(checked.errors) };
      const v = checked.value;
      return {
        ok: true,
        value: {
          insurerNumber: v.insurerNumber,
          ...(v.symbol ? { symbol: v.symbol } : {}),
          number: v.number,
          ...(v.branch ? { branch: v.branch } : {}),
          birthdate: v.birthdate,
        },
      };
    },
    validateMedicalInstitutionCode(code) {
      const checked = validateMedicalInstitutionCode(code);
      return checked.ok ? { ok: true, value: code } : { ok: false, problems: problems(checked.errors) };
    },
  };
}
