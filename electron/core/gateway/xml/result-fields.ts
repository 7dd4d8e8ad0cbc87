// The table of result elements ↔ QualificationResult fields (oqs-and-insurance.md §2.4–§2.5, §6), read and written by one set of rows.
import type {
  ConsentCategory,
  ConsentState,
  InsuredPerson,
  QualificationResult,
  QualificationValidity,
  RecordSharingCategory,
} from '../qualification-gateway';
import {
  consentPrefixByCategory,
  copayRatioTenths,
  copayTenthsToRatio,
  isoToOqsDateTime,
  limitClassLabel,
  normalizeInsurerNumber,
  oqsDateTimeToIso,
  padInsurerNumber,
  recordSharingPrefixByCategory,
  validityLabels,
  type ConsentPrefix,
} from './codes';
import {
  fieldsOf,
  oneOf,
  readAll,
  required,
  text,
  within,
  writeAll,
  type Codec,
  type Rule,
} from './field-mapping';
import type {
  ElderlyFields,
  LimitFields,
  PersonFields,
  PersonRecord,
  ResultDocument,
  SpecificDiseaseFields,
} from './result-document';
import { malformed } from './xml-tree';

/** The system prints ● where it cannot show a character (§2.4 notes). */
const UNRENDERABLE = '●';

type Model<T> = Partial<T>;
type Limit = NonNullable<InsuredPerson['limit']>;
type Elderly = NonNullable<InsuredPerson['elderly']>;
type Disease = InsuredPerson['specificDiseases'][number];

/** Every mapped model is built from the table's rows; the `required` rows guarantee the required fields. */
const complete = <T>(model: Model<T>): T => model as T;

/** A rule that only derives a model field on reading (the document has no element of its own for it). */
function derived<D, M>(read: (doc: D, model: M, where: string) => void): Rule<D, M> {
  return { read, write: () => undefined };
}

// ---- 特定疾病療養受療証 (SpecificDiseasesCertificateInfo, §2.4) --------------------------------------

const disease = fieldsOf<Disease>();
export const diseaseRows: readonly Rule<SpecificDiseaseFields, Model<Disease>>[] = [
  disease(
    'SpecificDiseasesDiseaseCategory',
    'category',
    required(
      oneOf(['1', '2', '3'] as const),
      ({ where }) => `${where}: 特定疾病の区分（SpecificDiseasesDiseaseCategory）がありません。`,
    ),
  ),
  disease('SpecificDiseasesCertificateDate', 'issuedOn', text),
  disease('SpecificDiseasesValidStartDate', 'validFrom', text),
  disease('SpecificDiseasesValidEndDate', 'validTo', text),
  disease('SpecificDiseasesSelfPay', 'selfPay', text),
];

// ---- 高齢受給者証 (ElderlyRecipientCertificateInfo, §2.4) -------------------------------------------

const elderly = fieldsOf<Elderly>();
export const elderlyRows: readonly Rule<ElderlyFields, Model<Elderly>>[] = [
  elderly('ElderlyRecipientCertificateDate', 'issuedOn', text),
  elderly('ElderlyRecipientValidStartDate', 'validFrom', text),
  elderly('ElderlyRecipientValidEndDate', 'validTo', text),
  elderly('ElderlyRecipientContributionRatio', 'contributionRatio', text),
];

// ---- 限度額適用認定証 (LimitApplicationCertificateRelatedInfo, §2.4, §6) -----------------------------

const limit = fieldsOf<Limit>();
const trimmed: Codec<string> = { read: (value) => value?.trim() || undefined, write: (value) => value };
export const limitRows: readonly Rule<LimitFields, Model<Limit>>[] = [
  limit('LimitApplicationCertificateClassification', 'classification', oneOf(['01', '02', '03'] as const)),
  limit('LimitApplicationCertificateClassificationFlag', 'classFlag', trimmed),
  derived((_doc, model, where) => {
    if (!model.classification || !model.classFlag) {
      throw malformed(
        `${where}: 限度額適用認定証の区分（Classification / ClassificationFlag）が欠けています。`,
      );
    }
    model.label = limitClassLabel(model.classFlag);
  }),
  limit('LimitApplicationCertificateDate', 'issuedOn', text),
  limit('LimitApplicationCertificateValidStartDate', 'validFrom', text),
  limit('LimitApplicationCertificateValidEndDate', 'validTo', text),
  limit('LimitApplicationCertificateLongTermDate', 'longTermDate', text),
];

// ---- one person (ResultOfQualificationConfirmation, §2.4) ------------------------------------------

const person = fieldsOf<InsuredPerson>();
type PersonRule = Rule<PersonRecord, Model<InsuredPerson>>;
const own = (rule: Rule<PersonFields, Model<InsuredPerson>>): PersonRule =>
  within((record: PersonRecord) => record.fields, rule);

const birthdate: Codec<string> = {
  read: (value) => (value !== undefined && /^\d{8}$/.test(value.trim()) ? value.trim() : undefined),
  write: (value) => value,
};

/** A 6-digit 国保 number is widened on writing and read back as the same insurer (§2.2); none is not written. */
const insurerNumber: Codec<string> = {
  read: (value) => normalizeInsurerNumber(value ?? ''),
  write: (value) => (value.trim() === '' ? undefined : padInsurerNumber(value)),
};

/** InsuredCardClassification of 医療扶助 (OQSCD010, §2.4). */
export const MEDICAL_AID_CARD_CLASSIFICATION = 'A1';

/**
 * 医療扶助 answers carry the 公費負担者番号 and 受給者番号 in one of two layouts (§2.4): in their own
 * PublicExpenseNumber / BeneficiaryNumber elements, or in InsurerNumber / InsuredIdentificationNumber
 * (as YUKI-ENT/OQSDrug2 QualificationFaceExporter.cs writes them for 医療扶助). Read either way, the
 * model has both numbers in publicExpenseNumber / beneficiaryNumber; insurerNumber and number stay
 * as sent. Writing uses the second layout exactly when the model came from it, so both round-trip.
 */
function carriedInInsurerElements(model: Model<InsuredPerson>): boolean {
  return (
    model.cardClassification?.trim() === MEDICAL_AID_CARD_CLASSIFICATION &&
    model.publicExpenseNumber !== undefined &&
    model.publicExpenseNumber === model.insurerNumber &&
    (model.beneficiaryNumber ?? '') === (model.number ?? '')
  );
}

const publicExpenseNumbers: PersonRule = {
  read({ fields }, model) {
    const payer = fields.PublicExpenseNumber;
    const recipient = fields.BeneficiaryNumber;
    if (payer !== undefined) model.publicExpenseNumber = payer;
    if (recipient !== undefined) model.beneficiaryNumber = recipient;
    const medicalAid = fields.InsuredCardClassification?.trim() === MEDICAL_AID_CARD_CLASSIFICATION;
    if (medicalAid && payer === undefined && recipient === undefined) {
      if (model.insurerNumber) model.publicExpenseNumber = model.insurerNumber;
      if (model.number) model.beneficiaryNumber = model.number;
    }
  },
  write(model, { fields }) {
    if (carriedInInsurerElements(model)) return;
    if (model.publicExpenseNumber !== undefined) fields.PublicExpenseNumber = model.publicExpenseNumber;
    if (model.beneficiaryNumber !== undefined) fields.BeneficiaryNumber = model.beneficiaryNumber;
  },
};

export const personRows: readonly PersonRule[] = [
  own(person('InsurerNumber', 'insurerNumber', insurerNumber)),
  own(
    person('InsuredIdentificationNumber', 'number', {
      read: (value) => value ?? '',
      write: (value) => (value === '' ? undefined : value),
    }),
  ),
  own(
    person(
      'Name',
      'name',
      required(text, ({ where }) => `${where}: 氏名（Name）がありません。`),
    ),
  ),
  own(
    derived((fields, model) => {
      model.nameHasUnrenderable =
        (fields.Name ?? '').includes(UNRENDERABLE) || (fields.NameOfOther ?? '').includes(UNRENDERABLE);
    }),
  ),
  own(
    person(
      'Birthdate',
      'birthdate',
      required(birthdate, ({ where }) => `${where}: 生年月日（Birthdate）が yyyyMMdd ではありません。`),
    ),
  ),
  {
    read(record, model, where) {
      model.specificDiseases = record.specificDiseases.map((d) =>
        complete<Disease>(readAll(diseaseRows, d, {}, where)),
      );
    },
    write(model, record) {
      record.specificDiseases = (model.specificDiseases ?? []).map((d) => writeAll(diseaseRows, d, {}));
    },
  },
  own(person('InsuredCardClassification', 'cardClassification', text)),
  own(person('InsurerName', 'insurerName', text)),
  own(person('InsuredCardSymbol', 'symbol', text)),
  own(person('InsuredBranchNumber', 'branch', text)),
  own(person('PersonalFamilyClassification', 'personalFamily', oneOf(['1', '2'] as const))),
  own(person('NameOfOther', 'nameOfOther', text)),
  own(person('NameKana', 'nameKana', text)),
  own(person('Sex1', 'sex', oneOf(['1', '2', '3'] as const))),
  own(person('Address', 'address', text)),
  own(person('PostNumber', 'postNumber', text)),
  own(person('QualificationDate', 'qualificationDate', text)),
  own(person('DisqualificationDate', 'disqualificationDate', text)),
  own(person('InsuredCardValidDate', 'cardValidFrom', text)),
  own(person('InsuredCardExpirationDate', 'cardExpiresOn', text)),
  // Two fields, one element: the tenths are the ratio's reading. The ratio as sent is written last so it wins.
  own(
    person('InsuredPartialContributionRatio', 'copayTenths', {
      read: (value) => (value === undefined ? undefined : copayRatioTenths[value.trim()]),
      write: (tenths) => copayTenthsToRatio[tenths],
    }),
  ),
  own(person('InsuredPartialContributionRatio', 'contributionRatio', text)),
  own(person('PreschoolClassification', 'preschool', text)),
  own(person('ReasonOfLoss', 'reasonOfLoss', oneOf(['01', '02', '03', '99'] as const))),
  {
    read(record, model, where) {
      if (record.elderly) model.elderly = readAll(elderlyRows, record.elderly, {}, where);
    },
    write(model, record) {
      if (model.elderly) record.elderly = writeAll(elderlyRows, model.elderly, {});
    },
  },
  {
    read(record, model, where) {
      if (record.limit) model.limit = complete<Limit>(readAll(limitRows, record.limit, {}, where));
    },
    write(model, record) {
      if (model.limit) record.limit = writeAll(limitRows, model.limit, {});
    },
  },
  own(person('InsuredName', 'insuredName', text)),
  own(person('NameOfOtherKana', 'nameOfOtherKana', text)),
  own(person('Sex2', 'sex2', text)),
  own(person('InsuredCertificateIssuanceDate', 'cardIssuedOn', text)),
  own(person('ReferenceNumber', 'referenceNumber', text)),
  own(person('ArbitraryIdentifier', 'arbitraryIdentifier', text)),
  publicExpenseNumbers,
  {
    read(record, model) {
      if (record.medicalTickets.length > 0) model.medicalTickets = record.medicalTickets;
    },
    write(model, record) {
      record.medicalTickets = model.medicalTickets ?? [];
    },
  },
];

export function readPerson(record: PersonRecord, index: number): InsuredPerson {
  return complete<InsuredPerson>(readAll(personRows, record, {}, `資格確認結果 ${index + 1} 件目`));
}

export function writePerson(model: InsuredPerson): PersonRecord {
  return writeAll(personRows, model, { fields: {}, specificDiseases: [], medicalTickets: [] });
}

// ---- consents (on the first person, §2.5) ----------------------------------------------------------

/** A consent's elements: the flag, when it was given and (for the 24 h items) until when it holds. */
interface ConsentElements {
  flag: keyof PersonFields;
  time: keyof PersonFields;
  until?: keyof PersonFields;
}

const triple = (prefix: ConsentPrefix): ConsentElements => ({
  flag: `${prefix}ConsFlg`,
  time: `${prefix}ConsTime`,
  until: `${prefix}AvailableTime`,
});

function consentRow<M>(
  elements: ConsentElements,
  get: (model: M) => ConsentState | undefined,
  put: (model: M, state: ConsentState) => void,
): Rule<PersonFields, M> {
  return {
    read(fields, model) {
      const flag = fields[elements.flag];
      if (flag === undefined) return;
      const state: ConsentState = { agreed: flag.trim() === '1', flag: flag.trim() };
      const time = fields[elements.time];
      const until = elements.until && fields[elements.until];
      if (time !== undefined) state.consentTime = time;
      if (until !== undefined) state.availableUntil = until;
      put(model, state);
    },
    write(model, fields) {
      const state = get(model);
      if (!state) return;
      fields[elements.flag] = state.flag ?? (state.agreed ? '1' : '0');
      if (state.consentTime !== undefined) fields[elements.time] = state.consentTime;
      if (elements.until && state.availableUntil !== undefined) fields[elements.until] = state.availableUntil;
    },
  };
}

const entries = <K extends string, V>(record: Readonly<Record<K, V>>): [K, V][] =>
  Object.entries(record) as [K, V][];

// ---- the whole result (MessageHeader, MessageBody, ResultList; §2.4–§2.5) -------------------------

type ResultRule = Rule<ResultDocument, Model<QualificationResult>>;
const result = fieldsOf<QualificationResult>();
const header = (rule: Rule<ResultDocument['header'], Model<QualificationResult>>): ResultRule =>
  within((doc: ResultDocument) => doc.header, rule);
const body = (rule: Rule<NonNullable<ResultDocument['body']>, Model<QualificationResult>>): ResultRule =>
  within((doc: ResultDocument) => doc.body, rule);
const onFirstPerson = (rule: Rule<PersonFields, Model<QualificationResult>>): ResultRule =>
  within((doc: ResultDocument) => doc.results[0]?.fields, rule);

const validity: Codec<QualificationValidity> = {
  read(value, { where }) {
    const trimmed = value?.trim();
    if (!trimmed || !/^[1-6]$/.test(trimmed)) {
      throw malformed(
        `${where}: QualificationValidity が ${trimmed === undefined ? 'ありません' : `「${trimmed.slice(0, 10)}」です`}。`,
      );
    }
    return Number(trimmed) as QualificationValidity;
  },
  write: (value) => String(value),
};

const executionTime: Codec<string> = required(
  { read: (value) => oqsDateTimeToIso(value?.trim() ?? ''), write: isoToOqsDateTime },
  ({ where }) => `${where}: ProcessExecutionTime が yyyyMMddHHmmss ではありません。`,
);

/** A bad header code is reported as the header's (ヘッダ), not the whole file's: that is where staff look. */
const inHeader = (rule: ResultRule): ResultRule => ({
  read: (doc, model) => rule.read(doc, model, 'ヘッダ'),
  write: (model, doc) => rule.write(model, doc),
});

export const resultRows: readonly ResultRule[] = [
  body(result('QualificationValidity', 'validity', validity)),
  derived((_doc, model) => {
    if (model.validity !== undefined) model.validityLabel = validityLabels[model.validity];
  }),
  header(result('ProcessExecutionTime', 'processedAt', executionTime)),
  header(
    result('ArbitraryFileIdentifier', 'requestId', { read: (value) => value ?? '', write: (value) => value }),
  ),
  {
    read(doc, model) {
      model.persons = doc.results.map((record, index) => readPerson(record, index));
    },
    write(model, doc) {
      doc.results = (model.persons ?? []).map(writePerson);
    },
  },
  inHeader(header(result('ReferenceClassification', 'referenceClassification', oneOf(['1', '2'] as const)))),
  header(result('MedicalInstitutionCode', 'medicalInstitutionCode', text)),
  {
    // Written as the execution day when the result does not carry its own (§2.4).
    read(doc, model) {
      const date = doc.header.QualificationConfirmationDate;
      if (date !== undefined) model.qualificationConfirmationDate = date;
    },
    write(model, doc) {
      doc.header.QualificationConfirmationDate =
        model.qualificationConfirmationDate ?? (doc.header.ProcessExecutionTime ?? '').slice(0, 8);
    },
  },
  body(result('ProcessingResultCode', 'processingResultCode', text)),
  body(result('ProcessingResultMessage', 'processingResultMessage', text)),
  {
    // Face files carry the patient's choice on the person rather than in the body (§2.5).
    read(doc, model) {
      const choice = doc.body?.PrescriptionIssueSelect ?? doc.results[0]?.fields.PrescriptionIssueSelect;
      if (choice !== undefined) model.prescriptionIssueSelect = choice;
    },
    write(model, doc) {
      if (doc.body && model.prescriptionIssueSelect !== undefined) {
        doc.body.PrescriptionIssueSelect = model.prescriptionIssueSelect;
      }
    },
  },
  derived((_doc, model) => {
    model.consents = {};
  }),
  ...entries(consentPrefixByCategory).map(([category, prefix]: [ConsentCategory, ConsentPrefix]) =>
    onFirstPerson(
      consentRow(
        triple(prefix),
        (model) => model.consents?.[category],
        (model, state) => ((model.consents ??= {})[category] = state),
      ),
    ),
  ),
  ...entries(recordSharingPrefixByCategory).map(
    ([category, prefix]: [RecordSharingCategory, ConsentPrefix]) =>
      onFirstPerson(
        consentRow(
          triple(prefix),
          (model) => model.recordSharingConsents?.[category],
          (model, state) => ((model.recordSharingConsents ??= {})[category] = state),
        ),
      ),
  ),
  onFirstPerson(
    consentRow(
      {
        flag: 'LimitApplicationCertificateRelatedConsFlg',
        time: 'LimitApplicationCertificateRelatedConsTime',
      },
      (model) => model.limitConsent,
      (model, state) => (model.limitConsent = state),
    ),
  ),
  onFirstPerson(
    consentRow(
      {
        flag: 'SpecificDiseasesCertificateRelatedConsFlg',
        time: 'SpecificDiseasesCertificateRelatedConsTime',
      },
      (model) => model.specificDiseasesConsent,
      (model, state) => (model.specificDiseasesConsent = state),
    ),
  ),
];

export function readResult(
  doc: ResultDocument,
  gateway: QualificationResult['gateway'],
): QualificationResult {
  return complete<QualificationResult>(readAll(resultRows, doc, { gateway }, '資格確認結果ファイル'));
}

/** The result's elements; the caller adds the control elements (SegmentOfResult, ProcessingResultStatus). */
export function writeResult(model: QualificationResult, doc: ResultDocument): ResultDocument {
  return writeAll(resultRows, model, doc);
}
