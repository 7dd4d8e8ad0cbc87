// The result mapping table read and written by the same rows: any result, every field, survives write → read in both encodings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ConsentState,
  InsuredPerson,
  QualificationResult,
  QualificationValidity,
} from '../../../../../../electron/core/gateway/qualification-gateway';
import {
  consentPrefixByCategory,
  copayRatioTenths,
  limitClassLabel,
  limitClassLabels,
  recordSharingPrefixByCategory,
  validityLabels,
} from '../../../../../../electron/core/gateway/xml/codes';
import {
  readResultDocument,
  writeResultDocument,
} from '../../../../../../electron/core/gateway/xml/result-document';
import { MEDICAL_AID_CARD_CLASSIFICATION } from '../../../../../../electron/core/gateway/xml/result-fields';
import {
  documentToResult,
  parseResultXml,
  resultToDocument,
  writeResultXml,
} from '../../../../../../electron/core/gateway/xml/result-mapper';

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Drops the keys whose value is undefined: the model never holds an explicit undefined. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// Text that both encodings carry: ASCII, kana, half-width kana, kanji, full-width forms, ●, XML specials.
const text = fc
  .array(fc.constantFrom(...'aZ09 -&<>"\'あイｱ見本試験髙●　１Ａー・'.split('')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((chars) => chars.join(''));
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const date = fc
  .record({
    y: fc.integer({ min: 1900, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`);
const time = fc
  .record({
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ h, mi, s }) => [h, mi, s].map((n) => String(n).padStart(2, '0')).join(''));
const dateTime = fc.tuple(date, time).map(([d, t]) => d + t);
const iso = dateTime.map(
  (v) =>
    `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(8, 10)}:${v.slice(10, 12)}:${v.slice(12)}+09:00`,
);

/** A consent as read back: the flag is always there (the writer would invent one otherwise). */
const consent = (withUntil: boolean): fc.Arbitrary<ConsentState> =>
  fc
    .record({
      flag: fc.constantFrom('0', '1', '2', '3'),
      consentTime: optional(dateTime),
      availableUntil: withUntil ? optional(dateTime) : fc.constant(undefined),
    })
    .map((c) => defined({ agreed: c.flag === '1', ...c }));

/** 6-digit 国保 numbers are padded on writing; an 8-digit number starting 00 would read back as 6 digits. */
const insurerNumber = fc.oneof(
  digits(6),
  digits(8).filter((n) => !n.startsWith('00')),
);

const personArb: fc.Arbitrary<InsuredPerson> = fc
  .record({
    insurerNumber,
    number: digits(8),
    name: text,
    nameOfOther: optional(text),
    birthdate: date,
    cardClassification: optional(fc.constantFrom('01', '05', '07')),
    insurerName: optional(text),
    symbol: optional(text),
    branch: optional(digits(2)),
    personalFamily: optional(fc.constantFrom('1' as const, '2' as const)),
    nameKana: optional(text),
    sex: optional(fc.constantFrom('1' as const, '2' as const, '3' as const)),
    address: optional(text),
    postNumber: optional(fc.constantFrom('100-0002', '060-0001')),
    qualificationDate: optional(date),
    disqualificationDate: optional(date),
    cardValidFrom: optional(date),
    cardExpiresOn: optional(date),
    contributionRatio: optional(fc.constantFrom('010', '020', '030', '000')),
    preschool: optional(fc.constantFrom('0', '1')),
    reasonOfLoss: optional(fc.constantFrom('01' as const, '02' as const, '03' as const, '99' as const)),
    elderly: optional(
      fc
        .record({
          issuedOn: optional(date),
          validFrom: optional(date),
          validTo: optional(date),
          contributionRatio: optional(fc.constantFrom('010', '020', '030')),
        })
        .map(defined),
    ),
    limit: optional(
      fc
        .record({
          classification: fc.constantFrom('01' as const, '02' as const, '03' as const),
          classFlag: fc.constantFrom(...Object.keys(limitClassLabels), 'C01'),
          issuedOn: optional(date),
          validFrom: optional(date),
          validTo: optional(date),
          longTermDate: optional(date),
        })
        .map((l) => defined({ ...l, label: limitClassLabel(l.classFlag) })),
    ),
    specificDiseases: fc.array(
      fc
        .record({
          category: fc.constantFrom('1' as const, '2' as const, '3' as const),
          issuedOn: optional(date),
          validFrom: optional(date),
          validTo: optional(date),
          selfPay: optional(fc.constantFrom('0', '10000', '20000')),
        })
        .map(defined),
      { maxLength: 3 },
    ),
    insuredName: optional(text),
    nameOfOtherKana: optional(text),
    sex2: optional(fc.constantFrom('1', '2')),
    cardIssuedOn: optional(date),
    referenceNumber: optional(text),
    arbitraryIdentifier: optional(text),
    publicExpenseNumber: optional(digits(8)),
    beneficiaryNumber: optional(digits(7)),
    medicalTickets: optional(
      fc.array(
        fc.dictionary(fc.constantFrom('MedicalTicketNumber', 'ValidStartDate', 'Kind'), text, {
          minKeys: 1,
        }),
        { minLength: 1, maxLength: 2 },
      ),
    ),
  })
  .map((p) =>
    defined({
      ...p,
      nameHasUnrenderable: p.name.includes('●') || (p.nameOfOther ?? '').includes('●'),
      copayTenths: p.contributionRatio === undefined ? undefined : copayRatioTenths[p.contributionRatio],
    }),
  );

const consentsArb = fc.record(
  Object.fromEntries(Object.keys(consentPrefixByCategory).map((c) => [c, consent(true)])) as Record<
    keyof typeof consentPrefixByCategory,
    fc.Arbitrary<ConsentState>
  >,
  { requiredKeys: [] },
);
const sharingArb = fc.record(
  Object.fromEntries(Object.keys(recordSharingPrefixByCategory).map((c) => [c, consent(true)])) as Record<
    keyof typeof recordSharingPrefixByCategory,
    fc.Arbitrary<ConsentState>
  >,
  { requiredKeys: [] },
);

const resultArb: fc.Arbitrary<QualificationResult> = fc
  .record({
    gateway: fc.constantFrom('simulator' as const, 'oqs-folder' as const),
    requestId: fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
    processedAt: iso,
    referenceClassification: optional(fc.constantFrom('1' as const, '2' as const)),
    validity: fc.constantFrom<QualificationValidity>(1, 2, 3, 4, 5, 6),
    persons: fc.array(personArb, { maxLength: 3 }),
    consents: consentsArb,
    limitConsent: optional(consent(false)),
    processingResultCode: optional(fc.constantFrom('0000', 'E100')),
    processingResultMessage: optional(text),
    medicalInstitutionCode: optional(digits(10)),
    qualificationConfirmationDate: optional(date),
    prescriptionIssueSelect: optional(fc.constantFrom('1', '2')),
    specificDiseasesConsent: optional(consent(false)),
    recordSharingConsents: optional(sharingArb),
  })
  .map((r) => {
    const hasPerson = r.persons.length > 0;
    const sharing = r.recordSharingConsents;
    // Consents travel on the first person (§2.5): without one there is nowhere to write them.
    return defined({
      ...r,
      validityLabel: validityLabels[r.validity],
      consents: hasPerson ? r.consents : {},
      limitConsent: hasPerson ? r.limitConsent : undefined,
      specificDiseasesConsent: hasPerson ? r.specificDiseasesConsent : undefined,
      recordSharingConsents: hasPerson && sharing && Object.keys(sharing).length > 0 ? sharing : undefined,
    });
  });

/** What reading gives back: the confirmation day is written as the execution day when the result has none. */
const expected = (result: QualificationResult): QualificationResult => ({
  ...result,
  qualificationConfirmationDate:
    result.qualificationConfirmationDate ?? result.processedAt.slice(0, 10).replace(/-/g, ''),
});

describe('result mapping table', () => {
  it.each(['utf8', 'sjis'] as const)(
    'round-trips any result, every field, through the XML (%s)',
    (encoding) => {
      fc.assert(
        fc.property(resultArb, (result) => {
          const back = parseResultXml(writeResultXml(result, encoding), { gateway: result.gateway });
          expect(back).toEqual(expected(result));
        }),
        { numRuns: 200, seed: 20261127 },
      );
    },
  );

  it('reads back the document it writes, and writes back the document it reads', () => {
    fc.assert(
      fc.property(resultArb, (result) => {
        const doc = resultToDocument(result);
        const reread = readResultDocument(writeResultDocument(doc, 'utf8'));
        expect(reread).toEqual({ ...doc, header: { ...doc.header, CharacterCodeIdentifier: '0' } });
        const model = documentToResult(reread, { gateway: result.gateway });
        expect(resultToDocument(model)).toEqual(doc);
      }),
      { numRuns: 100, seed: 20261128 },
    );
  });

  it('uses the caller’s medical institution code only when the result has none', () => {
    fc.assert(
      fc.property(resultArb, digits(10), (result, fallback) => {
        const code = resultToDocument(result, { medicalInstitutionCode: fallback }).header
          .MedicalInstitutionCode;
        expect(code).toBe(result.medicalInstitutionCode ?? fallback);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it.each(['face-full-utf8.xml', 'face-full-sjis.xml', 'res-multiple-utf8.xml', 'res-limit-fla-utf8.xml'])(
    'maps every element of %s: model → document gives back the file’s document',
    (name) => {
      const doc = readResultDocument(
        readFileSync(path.resolve(import.meta.dirname, '../../../../../fixtures/oqs', name)),
      );
      const back = resultToDocument(documentToResult(doc, { gateway: 'oqs-folder' }));
      // Not mapped to the model: the encoding marker (follows the encoding written) and the control elements,
      // which the writer sets for a normal end; the confirmation day defaults to the execution day.
      const { CharacterCodeIdentifier: _encoding, ...header } = doc.header;
      expect(back).toEqual({
        ...doc,
        header: {
          QualificationConfirmationDate: doc.header.ProcessExecutionTime?.slice(0, 8),
          ...header,
        },
        body: { ProcessingResultStatus: '1', ...doc.body },
      });
    },
  );
});

describe('医療扶助 answers in both layouts (§2.4)', () => {
  const payer = digits(8).filter((n) => !n.startsWith('00'));
  const medicalAidResult = fc
    .record({
      payer,
      recipient: digits(7),
      inInsurerElements: fc.boolean(),
      encoding: fc.constantFrom('utf8' as const, 'sjis' as const),
    })
    .map(({ payer, recipient, inInsurerElements, encoding }) => {
      const person: InsuredPerson = {
        cardClassification: MEDICAL_AID_CARD_CLASSIFICATION,
        insurerNumber: inInsurerElements ? payer : '',
        number: inInsurerElements ? recipient : '',
        publicExpenseNumber: payer,
        beneficiaryNumber: recipient,
        name: '模擬　扶助',
        nameHasUnrenderable: false,
        birthdate: '19750505',
        specificDiseases: [],
      };
      const result: QualificationResult = {
        gateway: 'oqs-folder',
        requestId: 'AID1',
        processedAt: '2026-11-27T10:00:00+09:00',
        validity: 6,
        validityLabel: validityLabels[6],
        persons: [person],
        consents: {},
        qualificationConfirmationDate: '20261127',
      };
      return { result, inInsurerElements, encoding };
    });

  it('writes each layout as it came and reads both back to the same model', () => {
    fc.assert(
      fc.property(medicalAidResult, ({ result, inInsurerElements, encoding }) => {
        const bytes = writeResultXml(result, encoding);
        const fields = readResultDocument(bytes).results[0]?.fields;
        const person = result.persons[0];
        if (inInsurerElements) {
          expect(fields).toMatchObject({
            InsurerNumber: person?.publicExpenseNumber,
            InsuredIdentificationNumber: person?.beneficiaryNumber,
          });
          expect([fields?.PublicExpenseNumber, fields?.BeneficiaryNumber]).toEqual([undefined, undefined]);
        } else {
          expect([fields?.InsurerNumber, fields?.InsuredIdentificationNumber]).toEqual([
            undefined,
            undefined,
          ]);
          expect(fields).toMatchObject({
            PublicExpenseNumber: person?.publicExpenseNumber,
            BeneficiaryNumber: person?.beneficiaryNumber,
          });
        }
        expect(parseResultXml(bytes, { gateway: 'oqs-folder' })).toEqual(result);
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });

  it('takes the insurer elements as the 公費 numbers only for 医療扶助 (InsuredCardClassification A1)', () => {
    const xml = (classification: string) =>
      Buffer.from(
        `<XmlMsg><MessageHeader><ProcessExecutionTime>20261127101502</ProcessExecutionTime><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation><InsuredCardClassification>${classification}</InsuredCardClassification><InsurerNumber>12131017</InsurerNumber><InsuredIdentificationNumber>2345676</InsuredIdentificationNumber><Name>a</Name><Birthdate>19620909</Birthdate></ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>`,
      );
    const aid = parseResultXml(xml('A1'), { gateway: 'oqs-folder' }).persons[0];
    expect([aid?.insurerNumber, aid?.number, aid?.publicExpenseNumber, aid?.beneficiaryNumber]).toEqual([
      '12131017',
      '2345676',
      '12131017',
      '2345676',
    ]);
    const insured = parseResultXml(xml('01'), { gateway: 'oqs-folder' }).persons[0];
    expect([insured?.publicExpenseNumber, insured?.beneficiaryNumber]).toEqual([undefined, undefined]);
  });
});
