// The result view over the corpus of real-shaped answers: copay, limit class and attention reasons as expected.json gives them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseResultXml } from '../../../../../electron/core/gateway/xml/result-mapper';
import { staffPersons, viewResult } from '../../../../../electron/core/session/result-view';

const fixtures = path.resolve(import.meta.dirname, '../../../../fixtures/oqs');

/** Only what this test reads of the hand-written manifest (the gateway's corpus test checks the rest). */
const Copay = z
  .object({ tenths: z.union([z.literal(1), z.literal(2), z.literal(3)]), source: z.string() })
  .nullable();
const Manifest = z.object({
  files: z.record(
    z.string(),
    z.object({
      outcome: z.string(),
      validity: z.number().optional(),
      persons: z
        .array(z.object({ name: z.string(), limitClass: z.string().nullable(), copay: Copay }))
        .optional(),
    }),
  ),
});
const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')));
const answered = Object.entries(manifest.files).filter(([, file]) => file.outcome === 'result');

/**
 * A clinic day far from every file's own confirmation date: the copay must be derived for the date the
 * answer names, not for the day the file happens to be read.
 */
const READ_LATER = '2031-06-30';

/** OQSCD006 (§2.4): 1 有効 confirms; 2–4 are not insured; 5 and 6 need staff. */
const outcomeByValidity: Record<number, string> = {
  1: 'confirmed',
  2: 'not-insured',
  3: 'not-insured',
  4: 'not-insured',
  5: 'needs-attention',
  6: 'needs-attention',
};

const parsed = (name: string) =>
  parseResultXml(readFileSync(path.join(fixtures, name)), { gateway: 'oqs-folder' });

describe('result view over the OQS corpus (test/fixtures/oqs)', () => {
  it('covers every answered file of the manifest', () => {
    expect(answered.length).toBeGreaterThanOrEqual(20);
  });

  it.each(answered)('%s: staff see each person with the copay the rule gives', (name, expected) => {
    const persons = staffPersons(parsed(name), READ_LATER);
    expect(persons.map((p) => p.name)).toEqual((expected.persons ?? []).map((p) => p.name));
    for (const [index, person] of persons.entries()) {
      const want = expected.persons?.[index];
      if (want?.copay) {
        expect({ tenths: person.copayTenths, source: person.copaySource }).toEqual(want.copay);
      } else {
        // 医療扶助 / 公費: no insurance ratio is invented.
        expect(person.copayTenths).toBeUndefined();
        expect(person.copaySource).toBe('public-assistance');
      }
      expect(person.limitLabel !== undefined).toBe(want?.limitClass !== null);
    }
  });

  it.each(answered)(
    '%s: the outcome follows the validity; nobody goes to the desk over a copay the rule knows',
    (name, expected) => {
      const view = viewResult(parsed(name), 'valid', READ_LATER);
      const persons = expected.persons ?? [];
      let outcome = outcomeByValidity[expected.validity ?? 0];
      // The system printed ● for a character it cannot show: staff check the kana (§2.4 notes).
      if (outcome === 'confirmed' && persons.some((p) => p.name.includes('●'))) outcome = 'needs-attention';
      expect(view.outcome).toBe(outcome);
      expect(view.notices).not.toContain('copay-unknown');
      expect(view.notices).not.toContain('copay-conflict');
      if (persons.length === 1 && outcome !== 'not-insured') {
        const copay = persons[0]?.copay;
        expect(view.copay).toEqual(copay ?? { source: 'public-assistance' });
      }
    },
  );
});
