// The corpus of real-shaped answers (test/fixtures/oqs): every result file read by the production reader against expected.json.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ConsentCategory,
  type QualificationResult,
} from '../../../../../../electron/core/gateway/qualification-gateway';
import { decodeXml } from '../../../../../../electron/core/gateway/xml/encoding';
import { parseResultXml } from '../../../../../../electron/core/gateway/xml/result-mapper';
import { rejection } from '../support/gateway-rejection';

const fixtures = path.resolve(import.meta.dirname, '../../../../../fixtures/oqs');

const code = z.string().nullable();
const ExpectedPerson = z.object({
  name: z.string(),
  birthdate: z.string().regex(/^\d{8}$/),
  insurerNumber: code,
  publicExpenseNumber: code,
  beneficiaryNumber: code,
  limitClass: code,
  insuredPartialContributionRatio: code,
  elderlyRecipientContributionRatio: code,
  medicalTickets: z.number().int().nonnegative(),
  copay: z
    .object({
      tenths: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      source: z.enum(['insurer-ratio', 'elderly-certificate', 'statutory-age']),
    })
    .nullable(),
});
const ExpectedResult = z.object({
  encoding: z.enum(['utf8', 'sjis']),
  outcome: z.literal('result'),
  validity: z.number().int().min(1).max(6),
  confirmationDate: code,
  consentFlags: z.partialRecord(z.enum(['medication', 'checkup', 'diagnosis', 'surgery']), z.string()),
  limitConsentFlag: code,
  persons: z.array(ExpectedPerson),
});
const ExpectedFile = z.discriminatedUnion('outcome', [
  ExpectedResult,
  z.object({ encoding: z.enum(['utf8', 'sjis']), outcome: z.literal('processing') }),
  z.object({ encoding: z.enum(['utf8', 'sjis']), outcome: z.literal('rejected'), errorCode: z.string() }),
]);
const Manifest = z.object({ about: z.string(), files: z.record(z.string(), ExpectedFile) });
type ExpectedFile = z.infer<typeof ExpectedFile>;

const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')));
const resultFiles = readdirSync(fixtures)
  .filter((name) => name.endsWith('.xml') && !name.startsWith('req-'))
  .sort();
const read = (name: string) => readFileSync(path.join(fixtures, name));
const parse = (name: string) => parseResultXml(read(name), { gateway: 'oqs-folder' });
const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);

/** What the reader made of the file, in the manifest's terms. */
function asManifest(
  result: QualificationResult,
): Omit<z.infer<typeof ExpectedResult>, 'encoding' | 'outcome'> {
  const consentFlags: Partial<Record<ConsentCategory, string>> = {};
  for (const [category, state] of Object.entries(result.consents) as [ConsentCategory, { flag?: string }][]) {
    if (state.flag !== undefined) consentFlags[category] = state.flag;
  }
  return {
    validity: result.validity,
    confirmationDate: orNull(result.qualificationConfirmationDate),
    consentFlags,
    limitConsentFlag: orNull(result.limitConsent?.flag),
    persons: result.persons.map((p) => ({
      name: p.name,
      birthdate: p.birthdate,
      insurerNumber: orNull(p.insurerNumber),
      publicExpenseNumber: orNull(p.publicExpenseNumber),
      beneficiaryNumber: orNull(p.beneficiaryNumber),
      limitClass: orNull(p.limit?.classFlag),
      insuredPartialContributionRatio: orNull(p.contributionRatio),
      elderlyRecipientContributionRatio: orNull(p.elderly?.contributionRatio),
      medicalTickets: p.medicalTickets?.length ?? 0,
      // The copay is the rules' reading, not the reader's: a test of the copay rule checks it.
      copay: null,
    })),
  };
}

const withoutCopay = (expected: z.infer<typeof ExpectedResult>) => {
  const { encoding: _encoding, outcome: _outcome, ...rest } = expected;
  return { ...rest, persons: rest.persons.map((p) => ({ ...p, copay: null })) };
};

describe('OQS corpus', () => {
  it('lists every result file in expected.json, and nothing else', () => {
    expect(Object.keys(manifest.files).sort()).toEqual(resultFiles);
  });

  it('covers every validity, every 限度額 class, both encodings, BOM and no declaration', () => {
    const results = Object.values(manifest.files).filter(
      (f): f is z.infer<typeof ExpectedResult> => f.outcome === 'result',
    );
    expect(new Set(results.map((f) => f.validity))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const classes = new Set(results.flatMap((f) => f.persons.map((p) => p.limitClass)).filter(Boolean));
    expect([...classes].sort()).toEqual([
      ...['A01', 'A02', 'A03', 'A04', 'A05', 'A06'],
      ...['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10'],
    ]);
    const bytes = resultFiles.map(read);
    const hasBom = (b: Buffer) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    const hasDeclaration = (b: Buffer) => /^(\uFEFF)?<\?xml/.test(b.subarray(0, 8).toString('utf8'));
    expect(bytes.some(hasBom)).toBe(true);
    expect(bytes.some((b) => !hasBom(b) && !hasDeclaration(b))).toBe(true);
    expect(new Set(Object.values(manifest.files).map((f) => f.encoding))).toEqual(new Set(['utf8', 'sjis']));
  });

  it.each(resultFiles)('%s decodes in the expected encoding', (name) => {
    expect(decodeXml(read(name)).encoding).toBe(manifest.files[name]?.encoding);
  });

  it.each(resultFiles)('%s reads as expected.json says', (name) => {
    const expected: ExpectedFile | undefined = manifest.files[name];
    if (!expected) throw new Error(`${name} is not in expected.json`);
    switch (expected.outcome) {
      case 'result':
        expect(asManifest(parse(name))).toEqual(withoutCopay(expected));
        break;
      case 'processing':
        expect(rejection(() => parse(name)).code).toBe('gateway.processing');
        break;
      case 'rejected': {
        const error = rejection(() => parse(name));
        expect([error.code, error.systemCode]).toEqual(['gateway.rejected', expected.errorCode]);
        break;
      }
    }
  });

  it('reads the 医療扶助 numbers alike from both layouts (§2.4)', () => {
    const own = parse('res-iryofujo-element-utf8.xml').persons[0];
    const inInsurer = parse('res-iryofujo-insurer-sjis.xml').persons[0];
    expect([own?.cardClassification, own?.publicExpenseNumber, own?.beneficiaryNumber]).toEqual([
      'A1',
      '12130019',
      '1234566',
    ]);
    expect([
      inInsurer?.cardClassification,
      inInsurer?.publicExpenseNumber,
      inInsurer?.beneficiaryNumber,
    ]).toEqual(['A1', '12131017', '2345676']);
    expect(inInsurer?.medicalTickets?.[0]).toMatchObject({
      TicketType: '1',
      MedicalTreatmentMonth: '202611',
    });
  });

  it('reads the PharmaceuticalInfo… consent as the 薬剤情報 consent, without inventing an end time', () => {
    expect(parse('face-pharmaceutical-sjis.xml').consents.medication).toEqual({
      agreed: true,
      flag: '1',
      consentTime: '20261127093508',
    });
  });
});
