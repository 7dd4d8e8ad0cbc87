// Result XML → typed model: every element of the fixtures, errors, 限度額 labels, and writer round trips in both encodings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type InsuredPerson,
  type QualificationResult,
} from '../../../../../../electron/core/gateway/qualification-gateway';
import { simulatedPeople } from '../../../../../../electron/core/gateway/simulator/people';
import { limitClassLabels, validityLabels } from '../../../../../../electron/core/gateway/xml/codes';
import { decodeXml } from '../../../../../../electron/core/gateway/xml/encoding';
import {
  ELEMENT_NAME_ALIASES,
  consentElements,
  limitElements,
  readResultDocument,
  writeResultDocument,
  type ResultDocument,
} from '../../../../../../electron/core/gateway/xml/result-document';
import {
  parseResultXml,
  resultToDocument,
  writeResultXml,
} from '../../../../../../electron/core/gateway/xml/result-mapper';
import { rejection } from '../support/gateway-rejection';

const fixtures = path.resolve(import.meta.dirname, '../../../../../fixtures/oqs');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const parse = (bytes: Uint8Array) => parseResultXml(bytes, { gateway: 'oqs-folder' });

describe('result files', () => {
  it.each(['face-full-utf8.xml', 'face-full-sjis.xml'])(
    'maps every element of a full face result (%s)',
    (name) => {
      const bytes = fixture(name);
      const result = parse(bytes);
      expect(decodeXml(bytes).encoding).toBe(name.includes('sjis') ? 'sjis' : 'utf8');
      expect(result).toMatchObject({
        gateway: 'oqs-folder',
        processedAt: '2026-11-27T09:30:15+09:00',
        referenceClassification: '1',
        validity: 1,
        validityLabel: '有効',
        medicalInstitutionCode: '0110113719',
        qualificationConfirmationDate: '20261127',
        processingResultCode: '0000',
        processingResultMessage: '正常終了',
        prescriptionIssueSelect: '1',
        limitConsent: { agreed: true, flag: '1', consentTime: '20261127093010' },
        specificDiseasesConsent: { agreed: true, consentTime: '20261127093010' },
      });
      expect(result.consents).toEqual({
        medication: {
          agreed: true,
          flag: '1',
          consentTime: '20261127093010',
          availableUntil: '20261128093010',
        },
        checkup: { agreed: true, flag: '1', consentTime: '20261127093010', availableUntil: '20261128093010' },
        diagnosis: { agreed: false, flag: '0', consentTime: '20261127093010' },
        surgery: { agreed: true, flag: '1', consentTime: '20261127093010', availableUntil: '20261128093010' },
      });
      expect(result.recordSharingConsents).toEqual({
        diagnosisName: {
          agreed: true,
          flag: '1',
          consentTime: '20261127093010',
          availableUntil: '20261128093010',
        },
        infectious: { agreed: false, flag: '0' },
        allergy: { agreed: true, flag: '1', consentTime: '20261127093010', availableUntil: '20261128093010' },
        contraindication: {
          agreed: true,
          flag: '1',
          consentTime: '20261127093010',
          availableUntil: '20261128093010',
        },
        test: { agreed: false, flag: '0' },
        prescription: { agreed: false, flag: '2' },
      });
      const person = result.persons[0];
      expect(result.persons).toHaveLength(1);
      expect(person).toEqual({
        cardClassification: '01',
        insurerNumber: '138057',
        insurerName: '見本市',
        symbol: '見本',
        number: '42601',
        branch: '01',
        personalFamily: '1',
        insuredName: '●山　見本子',
        name: '●山　見本子',
        nameHasUnrenderable: true,
        nameOfOther: '試験　通称',
        nameOfOtherKana: 'ｼｹﾝ ﾂｳｼｮｳ',
        nameKana: 'ﾐﾔﾏ ﾐﾎﾝｺ',
        sex: '2',
        sex2: '1',
        birthdate: '19530705',
        address: '見本県見本市二丁目3番4号',
        postNumber: '100-0002',
        qualificationDate: '20180401',
        cardIssuedOn: '20250715',
        cardValidFrom: '20250801',
        cardExpiresOn: '20270731',
        contributionRatio: '020',
        copayTenths: 2,
        preschool: '0',
        referenceNumber: 'P-000123',
        arbitraryIdentifier: 'ARB-9',
        elderly: {
          issuedOn: '20260715',
          validFrom: '20260801',
          validTo: '20270731',
          contributionRatio: '020',
        },
        limit: {
          classification: '02',
          classFlag: 'B05',
          label: '低所得Ⅱ',
          issuedOn: '20260401',
          validFrom: '20260401',
          validTo: '20270731',
          longTermDate: '20260901',
        },
        specificDiseases: [
          {
            category: '1',
            issuedOn: '20240401',
            validFrom: '20240401',
            validTo: '20280331',
            selfPay: '10000',
          },
          { category: '3', selfPay: '0' },
        ],
      } satisfies InsuredPerson);
    },
  );

  it('reads both encodings of the same file to the same model', () => {
    const utf8 = parse(fixture('face-full-utf8.xml'));
    const sjis = parse(fixture('face-full-sjis.xml'));
    expect({ ...sjis, requestId: utf8.requestId }).toEqual(utf8);
  });

  it('maps several matches (5) to several persons', () => {
    const result = parse(fixture('res-multiple-utf8.xml'));
    expect(result.validity).toBe(5);
    expect(result.validityLabel).toBe('複数該当');
    expect(result.referenceClassification).toBe('2');
    // Like the published 国保 sample, the answer for people under 70 carries no ratio (§2.2).
    expect(result.persons.map((p) => [p.name, p.branch, p.copayTenths, p.contributionRatio])).toEqual([
      ['見本　双葉', '01', undefined, undefined],
      ['見本　若葉', '02', undefined, undefined],
    ]);
    expect(result.limitConsent).toEqual({ agreed: false, flag: '0' });
  });

  it('reads the truncated spellings some parsers use and maps an invalid qualification with its reason', () => {
    const result = parse(fixture('res-limit-fla-utf8.xml'));
    expect(result.validity).toBe(3);
    expect(result.validityLabel).toBe('無効（新しい資格あり）');
    expect(result.persons[0]).toMatchObject({ reasonOfLoss: '03', disqualificationDate: '20260331' });
    expect(result.persons[0]?.limit).toEqual({
      classification: '01',
      classFlag: 'A06',
      label: '区分オ（境）',
    });
    expect(result.consents.diagnosis).toEqual({ agreed: true, flag: '1', consentTime: '20261127101000' });
  });

  it('reads every spelling of the alias table as its canonical element; the canonical one wins when both come', () => {
    const canonical = new Set<string>([...consentElements, ...limitElements]);
    for (const [alias, name] of Object.entries(ELEMENT_NAME_ALIASES)) {
      expect(canonical.has(name), `${alias} → ${name}`).toBe(true);
    }
    const face = (consents: string) =>
      Buffer.from(
        `<XmlMsg><MessageHeader><ProcessExecutionTime>20261127101502</ProcessExecutionTime><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation><Name>a</Name><Birthdate>19900101</Birthdate>${consents}</ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>`,
      );
    const variant = parse(
      face(
        '<PharmaceuticalInfoConsFlg>1</PharmaceuticalInfoConsFlg><PharmaceuticalInfoConsTime>20261127101000</PharmaceuticalInfoConsTime><PharmaceuticalInfoAvailableTime>20261128101000</PharmaceuticalInfoAvailableTime><PharmaceuticalInfoAcquisitionTime>20261127101005</PharmaceuticalInfoAcquisitionTime>',
      ),
    );
    expect(variant.consents.medication).toEqual({
      agreed: true,
      flag: '1',
      consentTime: '20261127101000',
      availableUntil: '20261128101000',
    });
    const both = parse(
      face(
        '<PharmacistsInfoConsFlg>0</PharmacistsInfoConsFlg><PharmaceuticalInfoConsFlg>1</PharmaceuticalInfoConsFlg>',
      ),
    );
    expect(both.consents.medication).toEqual({ agreed: false, flag: '0' });
  });

  it('turns "processing" (SegmentOfResult 2) into gateway.processing', () => {
    expect(rejection(() => parse(fixture('res-processing-utf8.xml'))).code).toBe('gateway.processing');
  });

  it('turns an abnormal end (9) into gateway.rejected with the system code, reading Shift_JIS from CharacterCodeIdentifier', () => {
    const error = rejection(() => parse(fixture('res-error-sjis-nodecl.xml')));
    expect(error.code).toBe('gateway.rejected');
    expect(error.systemCode).toBe('4151');
    expect(error.message).toContain('被保険者番号に誤りがあります');
  });

  it('turns a body error without validity into gateway.rejected', () => {
    const xml = `<XmlMsg><MessageHeader><ProcessExecutionTime>20261127101502</ProcessExecutionTime><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><ProcessingResultStatus>2</ProcessingResultStatus><ProcessingResultCode>E100</ProcessingResultCode><ProcessingResultMessage>照会できません</ProcessingResultMessage></MessageBody></XmlMsg>`;
    const error = rejection(() => parse(Buffer.from(xml)));
    expect([error.code, error.systemCode]).toEqual(['gateway.rejected', 'E100']);
    expect(error.message).toContain('照会できません');
  });

  it.each([
    ['', '空です'],
    ['<a>x</a>', 'ルート要素が XmlMsg ではありません'],
    ['<XmlMsg><MessageHeader><SegmentOfResult>1</SegmentOfResult>', 'XML として壊れています'],
    ['<Other/>', 'ルート要素が XmlMsg ではありません'],
    ['<XmlMsg><MessageBody/></XmlMsg>', 'MessageHeader がありません'],
    [
      '<XmlMsg><MessageHeader><SegmentOfResult>7</SegmentOfResult></MessageHeader></XmlMsg>',
      'SegmentOfResult',
    ],
    [
      '<XmlMsg><MessageHeader><SegmentOfResult>1</SegmentOfResult></MessageHeader></XmlMsg>',
      'MessageBody がありません',
    ],
    [
      '<XmlMsg><MessageHeader><SegmentOfResult>1</SegmentOfResult><ProcessExecutionTime>20261127101502</ProcessExecutionTime></MessageHeader><MessageBody><QualificationValidity>8</QualificationValidity></MessageBody></XmlMsg>',
      'QualificationValidity',
    ],
    [
      '<XmlMsg><MessageHeader><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><QualificationValidity>1</QualificationValidity></MessageBody></XmlMsg>',
      'ProcessExecutionTime',
    ],
    [
      '<XmlMsg><MessageHeader><SegmentOfResult>1</SegmentOfResult><SegmentOfResult>1</SegmentOfResult></MessageHeader></XmlMsg>',
      '2 回現れます',
    ],
    [
      '<XmlMsg><MessageHeader><ProcessExecutionTime>20261127101502</ProcessExecutionTime><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation><Name>a</Name><Birthdate>1990</Birthdate></ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>',
      '生年月日',
    ],
    [
      '<XmlMsg><MessageHeader><ProcessExecutionTime>20261127101502</ProcessExecutionTime><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation><Name>a</Name><Birthdate>19900101</Birthdate><Sex1>x</Sex1></ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>',
      'Sex1',
    ],
    ['<!DOCTYPE x [<!ENTITY a "aaaa">]><XmlMsg>&a;</XmlMsg>', 'DOCTYPE'],
    ['<?xml version="1.0" encoding="EUC-JP"?><XmlMsg/>', 'EUC-JP'],
  ])('rejects malformed input %# with a clear message', (xml, expected) => {
    const error = rejection(() => parse(Buffer.from(xml)));
    expect(error.code).toBe('gateway.malformed-response');
    expect(error.message).toContain(expected);
  });

  it('labels every 限度額 class of §6 and keeps unknown future codes readable', () => {
    expect(Object.keys(limitClassLabels)).toEqual([
      ...['A01', 'A02', 'A03', 'A04', 'A05', 'A06'],
      ...['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10'],
    ]);
    expect([limitClassLabels.A01, limitClassLabels.B10, limitClassLabels.B09]).toEqual([
      '区分ア',
      '一般Ⅰ',
      '一般Ⅱ',
    ]);
    const xml = (flag: string) =>
      `<XmlMsg><MessageHeader><ProcessExecutionTime>20261127101502</ProcessExecutionTime><SegmentOfResult>1</SegmentOfResult></MessageHeader><MessageBody><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation><Name>a</Name><Birthdate>19900101</Birthdate><LimitApplicationCertificateRelatedInfo><LimitApplicationCertificateClassification>01</LimitApplicationCertificateClassification><LimitApplicationCertificateClassificationFlag>${flag}</LimitApplicationCertificateClassificationFlag></LimitApplicationCertificateRelatedInfo></ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>`;
    for (const [code, label] of Object.entries(limitClassLabels)) {
      expect(parse(Buffer.from(xml(code))).persons[0]?.limit?.label).toBe(label);
    }
    expect(parse(Buffer.from(xml('C01'))).persons[0]?.limit?.label).toBe('未知の区分（C01）');
  });
});

describe('writer round trip', () => {
  const simulatorResults: QualificationResult[] = simulatedPeople.map((entry, index) => ({
    gateway: 'oqs-folder',
    requestId: `RT${index}`,
    processedAt: '2026-11-27T10:00:00+09:00',
    referenceClassification: '1',
    validity: entry.validity,
    validityLabel: validityLabels[entry.validity],
    persons: [entry.person],
    consents: {
      medication: {
        agreed: true,
        flag: '1',
        consentTime: '20261127100000',
        availableUntil: '20261128100000',
      },
    },
    limitConsent: { agreed: true, flag: '1', consentTime: '20261127100000' },
    medicalInstitutionCode: '0110113719',
    qualificationConfirmationDate: '20261127',
  }));

  it.each(['utf8', 'sjis'] as const)(
    'writes every simulated person and reads back the same model (%s)',
    (encoding) => {
      for (const result of simulatorResults) {
        const bytes = writeResultXml(result, encoding);
        expect(decodeXml(bytes).encoding).toBe(encoding);
        expect(parse(bytes)).toEqual(result);
      }
    },
  );

  it.each(['utf8', 'sjis'] as const)(
    'writes the full fixture document and reads back the same document (%s)',
    (encoding) => {
      const doc = readResultDocument(fixture('face-full-utf8.xml'));
      const back = readResultDocument(writeResultDocument(doc, encoding));
      expect(back).toEqual({
        ...doc,
        header: { ...doc.header, CharacterCodeIdentifier: encoding === 'utf8' ? '0' : '1' },
      });
      expect(parse(writeResultDocument(doc, encoding))).toEqual(parse(fixture('face-full-utf8.xml')));
    },
  );

  // Text that both encodings can carry: ASCII, kana, common kanji, full-width forms, XML specials.
  const text = fc
    .array(fc.constantFrom(...'aZ09 -&<>"\'あイｱ見本試験髙●　１Ａー・'.split('')), {
      minLength: 1,
      maxLength: 12,
    })
    .map((chars) => chars.join(''));
  const date = fc.integer({ min: 19000101, max: 20991231 }).map(String);
  const consent = fc.option(
    fc
      .record({ agreed: fc.boolean(), consentTime: date.map((d) => d + '101010') })
      .map((c) => ({ ...c, flag: c.agreed ? '1' : '0' })),
    { nil: undefined },
  );
  const personArb = fc.record({
    insurerNumber: fc.constantFrom('01130012', '138057', '39131016'),
    number: fc.stringMatching(/^[0-9]{1,8}$/),
    symbol: fc.option(text, { nil: undefined }),
    branch: fc.option(fc.constantFrom('00', '01', '02'), { nil: undefined }),
    name: text,
    nameKana: fc.option(text, { nil: undefined }),
    birthdate: date,
    sex: fc.option(fc.constantFrom('1' as const, '2' as const, '3' as const), { nil: undefined }),
    copay: fc.option(fc.constantFrom(1 as const, 2 as const, 3 as const), { nil: undefined }),
    limitFlag: fc.option(fc.constantFrom(...Object.keys(limitClassLabels)), { nil: undefined }),
    diseases: fc.array(fc.constantFrom('1' as const, '2' as const, '3' as const), { maxLength: 3 }),
  });

  it.each(['utf8', 'sjis'] as const)('round-trips arbitrary results (%s)', (encoding) => {
    fc.assert(
      fc.property(
        fc.array(personArb, { minLength: 0, maxLength: 3 }),
        fc.constantFrom(1, 2, 3, 4, 5, 6 as const),
        consent,
        consent,
        (people, validity, medication, limitConsent) => {
          const persons: InsuredPerson[] = people.map((p) => {
            const person: InsuredPerson = {
              insurerNumber: p.insurerNumber,
              number: p.number,
              name: p.name,
              nameHasUnrenderable: p.name.includes('●'),
              birthdate: p.birthdate,
              specificDiseases: p.diseases.map((category) => ({ category })),
            };
            if (p.symbol !== undefined) person.symbol = p.symbol;
            if (p.branch !== undefined) person.branch = p.branch;
            if (p.nameKana !== undefined) person.nameKana = p.nameKana;
            if (p.sex !== undefined) person.sex = p.sex;
            if (p.copay !== undefined) {
              person.copayTenths = p.copay;
              person.contributionRatio = `0${p.copay}0`;
            }
            if (p.limitFlag !== undefined) {
              person.limit = {
                classification: '01',
                classFlag: p.limitFlag,
                label: limitClassLabels[p.limitFlag] ?? '',
              };
            }
            return person;
          });
          const result: QualificationResult = {
            gateway: 'oqs-folder',
            requestId: 'PROP1',
            processedAt: '2026-11-27T10:00:00+09:00',
            validity: validity as QualificationResult['validity'],
            validityLabel: validityLabels[validity as QualificationResult['validity']],
            persons,
            consents: {},
            medicalInstitutionCode: '0110113719',
            qualificationConfirmationDate: '20261127',
          };
          if (persons.length > 0 && medication) result.consents.medication = medication;
          if (persons.length > 0 && limitConsent) result.limitConsent = limitConsent;
          expect(parse(writeResultXml(result, encoding))).toEqual(result);
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
  });

  it('writes characters Shift_JIS cannot hold as ●, as the system does', () => {
    const [first] = simulatorResults;
    const person = first?.persons[0];
    if (!first || !person) throw new Error('no simulated result');
    const doc: ResultDocument = resultToDocument({ ...first, persons: [{ ...person, name: '𠮷田　試験' }] });
    const back = parse(writeResultDocument(doc, 'sjis'));
    expect(back.persons[0]?.name).toBe('●田　試験');
    expect(back.persons[0]?.nameHasUnrenderable).toBe(true);
  });
});
