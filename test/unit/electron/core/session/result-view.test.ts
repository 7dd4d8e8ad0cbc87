// The result view: outcome, notices and the copay the rules derive, for the patient screen and for staff.
import { describe, expect, it } from 'vitest';
import { StaffConfirmationResult } from '../../../../../electron/common/contract';
import {
  confirmationDateOf,
  patientPerson,
  staffPersons,
  viewResult,
} from '../../../../../electron/core/session/result-view';
import { person, result } from './fakes';

// 138057: a 6-digit 市町村国保 number (§4.2); 39131016: 後期高齢者 (法別 39, check digit 6 by the §4.2 rule).
const kokuho = (overrides: Parameters<typeof person>[0] = {}) =>
  person({ insurerNumber: '138057', copayTenths: undefined, limit: undefined, ...overrides });

describe('viewResult: copay as the result file gives it (§2.2)', () => {
  it('confirms a 国保 answer without a ratio for a 40-year-old: 3割 by age', () => {
    // Born 1985-04-12, 41 on 2026-11-27: past school age, before 70 → 3割 (健康保険法第74条, 国保法第42条).
    const answer = result({
      qualificationConfirmationDate: '20261127',
      persons: [kokuho({ birthdate: '19850412' })],
    });
    const view = viewResult(answer, 'valid', '2026-11-27');
    expect(view).toMatchObject({
      outcome: 'confirmed',
      copay: { tenths: 3, source: 'statutory-age' },
      notices: [],
    });
    expect(patientPerson(view)).toEqual({ name: '山田 太郎', nameNeedsStaffCheck: false, copayTenths: 3 });
  });

  it('derives for the answer’s confirmation date, else for the clinic’s day', () => {
    // Born 2019-06-15: preschool (2割) until 2026-03-31, then 3割.
    const child = kokuho({ birthdate: '20190615' });
    const dated = result({ qualificationConfirmationDate: '20260331', persons: [child] });
    expect(viewResult(dated, 'unknown', '2026-04-01').copay).toEqual({ tenths: 2, source: 'statutory-age' });
    const undated = result({ persons: [child] });
    expect(viewResult(undated, 'unknown', '2026-04-01').copay).toEqual({
      tenths: 3,
      source: 'statutory-age',
    });
    expect(viewResult(undated, 'unknown', '2026-03-31').copay).toEqual({
      tenths: 2,
      source: 'statutory-age',
    });
    // An unreadable date in the answer falls back to the clinic's day.
    expect(confirmationDateOf(result({ qualificationConfirmationDate: '2026-03-31' }), '2026-04-01')).toEqual(
      {
        year: 2026,
        month: 4,
        day: 1,
      },
    );
  });

  it('sends the patient to the desk only when the copay is missing or contradictory, and says which', () => {
    // Born 1955-05-10: 71 on 2026-11-27, no 高齢受給者 block: 2割 or 3割 by income, unknown.
    const seventies = viewResult(
      result({ persons: [kokuho({ birthdate: '19550510' })] }),
      'valid',
      '2026-11-27',
    );
    expect(seventies).toMatchObject({ outcome: 'needs-attention', notices: ['copay-unknown'] });
    expect(seventies.copay).toBeUndefined();
    expect(patientPerson(seventies)).not.toHaveProperty('copayTenths');
    // A 後期高齢者 answer must carry its ratio.
    const koki = viewResult(
      result({ persons: [kokuho({ insurerNumber: '39131016', birthdate: '19460101' })] }),
      'valid',
      '2026-11-27',
    );
    expect(koki).toMatchObject({ outcome: 'needs-attention', notices: ['copay-conflict'] });
    // With the 高齢受給者 ratio the same 71-year-old is confirmed.
    const certified = viewResult(
      result({
        persons: [
          kokuho({
            birthdate: '19550510',
            elderly: { validFrom: '20260801', validTo: '20270731', contributionRatio: '020' },
          }),
        ],
      }),
      'valid',
      '2026-11-27',
    );
    expect(certified).toMatchObject({
      outcome: 'confirmed',
      copay: { tenths: 2, source: 'elderly-certificate' },
      notices: [],
    });
  });

  it('keeps the name check beside a copay notice', () => {
    const view = viewResult(
      result({ persons: [kokuho({ name: '●山 花子', nameHasUnrenderable: true, birthdate: '19550510' })] }),
      'grace',
      '2026-11-27',
    );
    expect(view.notices).toEqual(['name-needs-check', 'copay-unknown', 'certificate-grace']);
  });

  it('derives no ratio for 医療扶助 and raises no copay notice', () => {
    const aid = kokuho({ cardClassification: 'A1', insurerNumber: '', publicExpenseNumber: '12136010' });
    const confirmed = viewResult(result({ persons: [aid] }), 'valid', '2026-11-27');
    expect(confirmed).toMatchObject({
      outcome: 'confirmed',
      copay: { source: 'public-assistance' },
      notices: [],
    });
    expect(confirmed.copay).not.toHaveProperty('tenths');
    expect(patientPerson(confirmed)).not.toHaveProperty('copayTenths');
    const unregistered = viewResult(result({ validity: 6, persons: [aid] }), 'valid', '2026-11-27');
    expect(unregistered).toMatchObject({ outcome: 'needs-attention', notices: ['validity-unregistered'] });
  });

  it('shows no person and no copay when not insured', () => {
    const view = viewResult(result({ validity: 2 }), 'valid', '2026-11-27');
    expect(view).toEqual({ outcome: 'not-insured', notices: ['validity-invalid'] });
  });

  it('feeds the patient screen the derived copay, not the file’s reading', () => {
    // The file says 2割 for a 40-year-old 国保 member: against the law, so nothing is shown.
    const view = viewResult(
      result({ persons: [kokuho({ birthdate: '19850412', copayTenths: 2, contributionRatio: '020' })] }),
      'valid',
      '2026-11-27',
    );
    expect(view).toMatchObject({ outcome: 'needs-attention', notices: ['copay-conflict'] });
    expect(patientPerson(view)).toEqual({ name: '山田 太郎', nameNeedsStaffCheck: false });
  });
});

describe('staffPersons', () => {
  it('gives every person the derived copay with its source and the birth date in 和暦', () => {
    const persons = staffPersons(
      result({
        validity: 5,
        persons: [
          kokuho({ birthdate: '19850412' }),
          kokuho({ birthdate: '20220305', name: '山田 花子' }),
          kokuho({ birthdate: '19550510', name: '山田 一郎' }),
        ],
      }),
      '2026-11-27',
    );
    expect(persons).toMatchObject([
      // 1985-04-12 is in 昭和 (from 1926-12-25): year 1985 − 1926 + 1 = 60.
      { birthdateWareki: '昭和60年4月12日', copayTenths: 3, copaySource: 'statutory-age' },
      // 2022-03-05 is in 令和 (from 2019-05-01): year 4; preschool until 2028-03-31 → 2割.
      { birthdateWareki: '令和4年3月5日', copayTenths: 2, copaySource: 'statutory-age' },
      // 71 without a 高齢受給者 block: no ratio, no source.
      { birthdateWareki: '昭和30年5月10日' },
    ]);
    expect(persons[2]).not.toHaveProperty('copayTenths');
    expect(persons[2]).not.toHaveProperty('copaySource');
    expect(
      StaffConfirmationResult.safeParse({ outcome: 'needs-attention', persons, notices: [] }).success,
    ).toBe(true);
  });

  it('names 医療扶助 as the source without a ratio, and leaves an unreadable birth date unconverted', () => {
    const [aid, odd] = staffPersons(
      result({
        persons: [
          kokuho({ cardClassification: 'A1', birthdate: '19850412' }),
          kokuho({ birthdate: '1985-04-12' }),
        ],
      }),
      '2026-11-27',
    );
    expect(aid).toMatchObject({ copaySource: 'public-assistance' });
    expect(aid).not.toHaveProperty('copayTenths');
    expect(odd).toMatchObject({ birthdate: '1985-04-12' });
    expect(odd).not.toHaveProperty('birthdateWareki');
  });
});
