// The simulated population on any day: every date moves by whole fiscal years, so no person ages out of their label.
import { describe, expect, it } from 'vitest';
import type { QualificationResult } from '../../../../../../electron/core/gateway/qualification-gateway';
import { simulatedPeople } from '../../../../../../electron/core/gateway/simulator/people';
import {
  fiscalYearOf,
  personOn,
  shiftCompactDate,
} from '../../../../../../electron/core/gateway/simulator/population-year';
import { parseIsoDate, type CalendarDate } from '../../../../../../electron/core/rules/calendar-date';
import { viewResult } from '../../../../../../electron/core/session/result-view';

const day = (iso: string): CalendarDate => {
  const date = parseIsoDate(iso);
  if (!date) throw new Error(iso);
  return date;
};
const compact = (iso: string) => iso.replaceAll('-', '');

describe('population year', () => {
  it('counts fiscal years from 1 April', () => {
    expect(fiscalYearOf(day('2027-03-31'))).toBe(2026);
    expect(fiscalYearOf(day('2027-04-01'))).toBe(2027);
    expect(fiscalYearOf(day('2026-01-15'))).toBe(2025);
  });

  it('moves dates by whole years; 29 February falls on the 28th in a common year', () => {
    expect(shiftCompactDate('19850412', 2)).toBe('19870412');
    expect(shiftCompactDate('19850412', -2)).toBe('19830412');
    expect(shiftCompactDate('20200229', 1)).toBe('20210228');
    expect(shiftCompactDate('20200229', 4)).toBe('20240229');
    expect(shiftCompactDate('202611', 3)).toBe('202911');
    expect(shiftCompactDate('', 3)).toBe('');
    expect(shiftCompactDate('not a date', 3)).toBe('not a date');
  });

  it('leaves a person unchanged in fiscal year 2026 and moves every date of theirs otherwise', () => {
    const p04 = simulatedPeople.find((p) => p.id === 'p04')?.person;
    if (!p04) throw new Error('p04');
    expect(personOn(p04, day('2027-03-31'))).toEqual(p04);
    const later = personOn(p04, day('2029-06-01'));
    // Fiscal year 2029 is three years after 2026: born 1954-03-10 → 1957-03-10, and so on.
    expect(later.birthdate).toBe('19570310');
    expect(later.elderly).toEqual({
      issuedOn: '20280801',
      validFrom: '20280801',
      validTo: '20300731',
      contributionRatio: '020',
    });
    expect(later.limit?.validTo).toBe('20300731');
    expect(later.name).toBe(p04.name);
  });

  /**
   * A clock matrix: whatever day the kiosk's clock says, each simulated person is answered as their label
   * describes — the same outcome and copay as in fiscal year 2026, and never a copay that sends a patient to
   * the desk for a person whose answer is plainly valid.
   */
  const days = [
    '2024-10-07',
    '2025-03-31',
    '2026-04-01',
    '2026-11-27',
    '2027-03-31',
    '2027-04-01',
    '2027-07-31',
    '2027-08-01',
    '2031-02-28',
    '2040-12-31',
  ];
  const answerable = simulatedPeople.filter((p) => p.answer === undefined);

  it.each(days)('on %s every person is answered as in fiscal year 2026', (iso) => {
    const on = (date: string) =>
      answerable.map((p) => {
        const result: QualificationResult = {
          gateway: 'simulator',
          requestId: 'MATRIX',
          processedAt: `${date}T10:00:00+09:00`,
          validity: p.validity,
          persons: [personOn(p.person, day(date))],
          consents: {},
          qualificationConfirmationDate: compact(date),
        };
        const view = viewResult(result, 'valid', date);
        return { id: p.id, outcome: view.outcome, copay: view.copay, notices: view.notices };
      });
    const reference = on('2026-11-27');
    expect(on(iso)).toEqual(reference);
    for (const answer of reference) {
      expect(answer.notices, answer.id).not.toContain('copay-unknown');
      expect(answer.notices, answer.id).not.toContain('copay-conflict');
    }
  });
});
