// Maps a result document to the typed QualificationResult and back (oqs-and-insurance.md §2.4–§2.5, §6).
import {
  GatewayError,
  type ConsentCategory,
  type ConsentState,
  type InsuredPerson,
  type QualificationResult,
  type QualificationValidity,
  type RecordSharingCategory,
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
import { decodeXml, type XmlEncoding } from './encoding';
import {
  readResultDocumentText,
  writeResultDocument,
  type PersonFields,
  type PersonRecord,
  type ResultDocument,
} from './result-document';
import { malformed } from './xml-tree';

/** The system prints ● where it cannot show a character (§2.4 notes). */
const UNRENDERABLE = '●';

export interface ToModelOptions {
  gateway: QualificationResult['gateway'];
  /** Defaults to the header's ArbitraryFileIdentifier. */
  requestId?: string;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  element: string,
  where: string,
): T | undefined {
  if (value === undefined || value === '') return undefined;
  const trimmed = value.trim();
  if ((allowed as readonly string[]).includes(trimmed)) return trimmed as T;
  throw malformed(`${where}: ${element} の値「${value.slice(0, 20)}」は想定外です。`);
}

function consentFrom(fields: PersonFields, prefix: ConsentPrefix): ConsentState | undefined {
  const flag = fields[`${prefix}ConsFlg`];
  if (flag === undefined) return undefined;
  const state: ConsentState = { agreed: flag.trim() === '1', flag: flag.trim() };
  const time = fields[`${prefix}ConsTime`];
  const until = fields[`${prefix}AvailableTime`];
  if (time !== undefined) state.consentTime = time;
  if (until !== undefined) state.availableUntil = until;
  return state;
}

function plainConsent(flag: string | undefined, time: string | undefined): ConsentState | undefined {
  if (flag === undefined) return undefined;
  const state: ConsentState = { agreed: flag.trim() === '1', flag: flag.trim() };
  if (time !== undefined) state.consentTime = time;
  return state;
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function toPerson(record: PersonRecord, index: number): InsuredPerson {
  const where = `資格確認結果 ${index + 1} 件目`;
  const f = record.fields;
  if (f.Name === undefined) throw malformed(`${where}: 氏名（Name）がありません。`);
  if (f.Birthdate === undefined || !/^\d{8}$/.test(f.Birthdate.trim())) {
    throw malformed(`${where}: 生年月日（Birthdate）が yyyyMMdd ではありません。`);
  }
  const person: InsuredPerson = {
    insurerNumber: normalizeInsurerNumber(f.InsurerNumber ?? ''),
    number: f.InsuredIdentificationNumber ?? '',
    name: f.Name,
    nameHasUnrenderable: f.Name.includes(UNRENDERABLE) || (f.NameOfOther ?? '').includes(UNRENDERABLE),
    birthdate: f.Birthdate.trim(),
    specificDiseases: record.specificDiseases.map((d) => {
      const category = oneOf(
        d.SpecificDiseasesDiseaseCategory,
        ['1', '2', '3'] as const,
        'SpecificDiseasesDiseaseCategory',
        where,
      );
      if (!category)
        throw malformed(`${where}: 特定疾病の区分（SpecificDiseasesDiseaseCategory）がありません。`);
      const disease: InsuredPerson['specificDiseases'][number] = { category };
      set(disease, 'issuedOn', d.SpecificDiseasesCertificateDate);
      set(disease, 'validFrom', d.SpecificDiseasesValidStartDate);
      set(disease, 'validTo', d.SpecificDiseasesValidEndDate);
      set(disease, 'selfPay', d.SpecificDiseasesSelfPay);
      return disease;
    }),
  };
  set(person, 'cardClassification', f.InsuredCardClassification);
  set(person, 'insurerName', f.InsurerName);
  set(person, 'symbol', f.InsuredCardSymbol);
  set(person, 'branch', f.InsuredBranchNumber);
  set(
    person,
    'personalFamily',
    oneOf(f.PersonalFamilyClassification, ['1', '2'] as const, 'PersonalFamilyClassification', where),
  );
  set(person, 'nameOfOther', f.NameOfOther);
  set(person, 'nameKana', f.NameKana);
  set(person, 'sex', oneOf(f.Sex1, ['1', '2', '3'] as const, 'Sex1', where));
  set(person, 'address', f.Address);
  set(person, 'postNumber', f.PostNumber);
  set(person, 'qualificationDate', f.QualificationDate);
  set(person, 'disqualificationDate', f.DisqualificationDate);
  set(person, 'cardValidFrom', f.InsuredCardValidDate);
  set(person, 'cardExpiresOn', f.InsuredCardExpirationDate);
  if (f.InsuredPartialContributionRatio !== undefined) {
    person.contributionRatio = f.InsuredPartialContributionRatio;
    set(person, 'copayTenths', copayRatioTenths[f.InsuredPartialContributionRatio.trim()]);
  }
  set(person, 'preschool', f.PreschoolClassification);
  set(
    person,
    'reasonOfLoss',
    oneOf(f.ReasonOfLoss, ['01', '02', '03', '99'] as const, 'ReasonOfLoss', where),
  );
  if (record.elderly) {
    const e = record.elderly;
    person.elderly = {};
    set(person.elderly, 'issuedOn', e.ElderlyRecipientCertificateDate);
    set(person.elderly, 'validFrom', e.ElderlyRecipientValidStartDate);
    set(person.elderly, 'validTo', e.ElderlyRecipientValidEndDate);
    set(person.elderly, 'contributionRatio', e.ElderlyRecipientContributionRatio);
  }
  if (record.limit) {
    const l = record.limit;
    const classification = oneOf(
      l.LimitApplicationCertificateClassification,
      ['01', '02', '03'] as const,
      'LimitApplicationCertificateClassification',
      where,
    );
    const classFlag = l.LimitApplicationCertificateClassificationFlag?.trim();
    if (!classification || !classFlag) {
      throw malformed(
        `${where}: 限度額適用認定証の区分（Classification / ClassificationFlag）が欠けています。`,
      );
    }
    person.limit = { classification, classFlag, label: limitClassLabel(classFlag) };
    set(person.limit, 'issuedOn', l.LimitApplicationCertificateDate);
    set(person.limit, 'validFrom', l.LimitApplicationCertificateValidStartDate);
    set(person.limit, 'validTo', l.LimitApplicationCertificateValidEndDate);
    set(person.limit, 'longTermDate', l.LimitApplicationCertificateLongTermDate);
  }
  set(person, 'insuredName', f.InsuredName);
  set(person, 'nameOfOtherKana', f.NameOfOtherKana);
  set(person, 'sex2', f.Sex2);
  set(person, 'cardIssuedOn', f.InsuredCertificateIssuanceDate);
  set(person, 'referenceNumber', f.ReferenceNumber);
  set(person, 'arbitraryIdentifier', f.ArbitraryIdentifier);
  set(person, 'publicExpenseNumber', f.PublicExpenseNumber);
  set(person, 'beneficiaryNumber', f.BeneficiaryNumber);
  if (record.medicalTickets.length > 0) person.medicalTickets = record.medicalTickets;
  return person;
}

/** Turn a document into the typed result; SegmentOfResult 2 / 9 and body errors become GatewayError. */
export function documentToResult(doc: ResultDocument, options: ToModelOptions): QualificationResult {
  const h = doc.header;
  const segment = h.SegmentOfResult?.trim();
  const systemError = h.ErrorCode ? `（${h.ErrorCode}${h.ErrorMessage ? `: ${h.ErrorMessage}` : ''}）` : '';
  if (segment === '2') {
    throw new GatewayError(
      'gateway.processing',
      `資格確認端末で処理中です${systemError}。少し待ってからもう一度確認してください。`,
      h.ErrorCode,
    );
  }
  if (segment === '9') {
    throw new GatewayError('gateway.rejected', `資格確認が異常終了しました${systemError}。`, h.ErrorCode);
  }
  if (segment !== '1') {
    throw malformed(
      `資格確認結果ファイル: SegmentOfResult が ${segment === undefined ? 'ありません' : `「${segment.slice(0, 10)}」です`}（1 / 2 / 9 のはずです）。`,
    );
  }
  const body = doc.body;
  if (!body) throw malformed('資格確認結果ファイル: 正常終了なのに MessageBody がありません。');
  const status = body.ProcessingResultStatus?.trim();
  const validityText = body.QualificationValidity?.trim();
  if (validityText === undefined && status === '2') {
    const detail = [body.ProcessingResultCode, body.ProcessingResultMessage].filter(Boolean).join(': ');
    throw new GatewayError(
      'gateway.rejected',
      `資格確認がエラーになりました${detail ? `（${detail}）` : ''}。`,
      body.ProcessingResultCode,
    );
  }
  if (!validityText || !/^[1-6]$/.test(validityText)) {
    throw malformed(
      `資格確認結果ファイル: QualificationValidity が ${validityText === undefined ? 'ありません' : `「${validityText.slice(0, 10)}」です`}。`,
    );
  }
  const validity = Number(validityText) as QualificationValidity;
  const processedAt = oqsDateTimeToIso(h.ProcessExecutionTime?.trim() ?? '');
  if (!processedAt)
    throw malformed('資格確認結果ファイル: ProcessExecutionTime が yyyyMMddHHmmss ではありません。');
  const result: QualificationResult = {
    gateway: options.gateway,
    requestId: options.requestId ?? h.ArbitraryFileIdentifier ?? '',
    processedAt,
    validity,
    validityLabel: validityLabels[validity],
    persons: doc.results.map(toPerson),
    consents: {},
  };
  set(
    result,
    'referenceClassification',
    oneOf(h.ReferenceClassification, ['1', '2'] as const, 'ReferenceClassification', 'ヘッダ'),
  );
  set(result, 'medicalInstitutionCode', h.MedicalInstitutionCode);
  set(result, 'qualificationConfirmationDate', h.QualificationConfirmationDate);
  set(result, 'processingResultCode', body.ProcessingResultCode);
  set(result, 'processingResultMessage', body.ProcessingResultMessage);
  const first = doc.results[0]?.fields;
  set(result, 'prescriptionIssueSelect', body.PrescriptionIssueSelect ?? first?.PrescriptionIssueSelect);
  if (first) {
    for (const [category, prefix] of Object.entries(consentPrefixByCategory) as [
      ConsentCategory,
      ConsentPrefix,
    ][]) {
      set(result.consents, category, consentFrom(first, prefix));
    }
    const sharing: Partial<Record<RecordSharingCategory, ConsentState>> = {};
    for (const [category, prefix] of Object.entries(recordSharingPrefixByCategory) as [
      RecordSharingCategory,
      ConsentPrefix,
    ][]) {
      set(sharing, category, consentFrom(first, prefix));
    }
    if (Object.keys(sharing).length > 0) result.recordSharingConsents = sharing;
    set(
      result,
      'limitConsent',
      plainConsent(
        first.LimitApplicationCertificateRelatedConsFlg,
        first.LimitApplicationCertificateRelatedConsTime,
      ),
    );
    set(
      result,
      'specificDiseasesConsent',
      plainConsent(
        first.SpecificDiseasesCertificateRelatedConsFlg,
        first.SpecificDiseasesCertificateRelatedConsTime,
      ),
    );
  }
  return result;
}

function consentFields(state: ConsentState | undefined, prefix: ConsentPrefix): PersonFields {
  if (!state) return {};
  const fields: PersonFields = { [`${prefix}ConsFlg`]: state.flag ?? (state.agreed ? '1' : '0') };
  set(fields, `${prefix}ConsTime`, state.consentTime);
  set(fields, `${prefix}AvailableTime`, state.availableUntil);
  return fields;
}

function personToRecord(person: InsuredPerson): PersonRecord {
  const f: PersonFields = {};
  set(f, 'InsuredCardClassification', person.cardClassification);
  f.InsurerNumber = padInsurerNumber(person.insurerNumber);
  set(f, 'InsuredCardSymbol', person.symbol);
  f.InsuredIdentificationNumber = person.number;
  set(f, 'InsuredBranchNumber', person.branch);
  set(f, 'PersonalFamilyClassification', person.personalFamily);
  set(f, 'InsuredName', person.insuredName);
  f.Name = person.name;
  set(f, 'NameOfOther', person.nameOfOther);
  set(f, 'NameKana', person.nameKana);
  set(f, 'NameOfOtherKana', person.nameOfOtherKana);
  set(f, 'Sex1', person.sex);
  set(f, 'Sex2', person.sex2);
  f.Birthdate = person.birthdate;
  set(f, 'Address', person.address);
  set(f, 'PostNumber', person.postNumber);
  set(f, 'QualificationDate', person.qualificationDate);
  set(f, 'DisqualificationDate', person.disqualificationDate);
  set(f, 'InsuredCertificateIssuanceDate', person.cardIssuedOn);
  set(f, 'InsuredCardValidDate', person.cardValidFrom);
  set(f, 'InsuredCardExpirationDate', person.cardExpiresOn);
  set(
    f,
    'InsuredPartialContributionRatio',
    person.contributionRatio ?? (person.copayTenths ? copayTenthsToRatio[person.copayTenths] : undefined),
  );
  set(f, 'PreschoolClassification', person.preschool);
  set(f, 'ReasonOfLoss', person.reasonOfLoss);
  set(f, 'InsurerName', person.insurerName);
  set(f, 'ReferenceNumber', person.referenceNumber);
  set(f, 'ArbitraryIdentifier', person.arbitraryIdentifier);
  set(f, 'PublicExpenseNumber', person.publicExpenseNumber);
  set(f, 'BeneficiaryNumber', person.beneficiaryNumber);
  const record: PersonRecord = {
    fields: f,
    specificDiseases: person.specificDiseases.map((d) => {
      const out: PersonRecord['specificDiseases'][number] = { SpecificDiseasesDiseaseCategory: d.category };
      set(out, 'SpecificDiseasesCertificateDate', d.issuedOn);
      set(out, 'SpecificDiseasesValidStartDate', d.validFrom);
      set(out, 'SpecificDiseasesValidEndDate', d.validTo);
      set(out, 'SpecificDiseasesSelfPay', d.selfPay);
      return out;
    }),
    medicalTickets: person.medicalTickets ?? [],
  };
  if (person.elderly) {
    const e = person.elderly;
    record.elderly = {};
    set(record.elderly, 'ElderlyRecipientCertificateDate', e.issuedOn);
    set(record.elderly, 'ElderlyRecipientValidStartDate', e.validFrom);
    set(record.elderly, 'ElderlyRecipientValidEndDate', e.validTo);
    set(record.elderly, 'ElderlyRecipientContributionRatio', e.contributionRatio);
  }
  if (person.limit) {
    const l = person.limit;
    record.limit = {
      LimitApplicationCertificateClassification: l.classification,
      LimitApplicationCertificateClassificationFlag: l.classFlag,
    };
    set(record.limit, 'LimitApplicationCertificateDate', l.issuedOn);
    set(record.limit, 'LimitApplicationCertificateValidStartDate', l.validFrom);
    set(record.limit, 'LimitApplicationCertificateValidEndDate', l.validTo);
    set(record.limit, 'LimitApplicationCertificateLongTermDate', l.longTermDate);
  }
  return record;
}

export interface ToDocumentOptions {
  /** Used when the result carries no medicalInstitutionCode of its own. */
  medicalInstitutionCode?: string;
}

/** The result as a normal-end (SegmentOfResult 1) document; consents go on the first person (§2.5). */
export function resultToDocument(
  result: QualificationResult,
  options: ToDocumentOptions = {},
): ResultDocument {
  const executionTime = isoToOqsDateTime(result.processedAt);
  const header: ResultDocument['header'] = {
    ProcessExecutionTime: executionTime,
    QualificationConfirmationDate: result.qualificationConfirmationDate ?? executionTime.slice(0, 8),
    ArbitraryFileIdentifier: result.requestId,
    SegmentOfResult: '1',
  };
  set(header, 'MedicalInstitutionCode', result.medicalInstitutionCode ?? options.medicalInstitutionCode);
  set(header, 'ReferenceClassification', result.referenceClassification);
  const body: NonNullable<ResultDocument['body']> = {
    ProcessingResultStatus: '1',
    QualificationValidity: String(result.validity),
  };
  set(body, 'ProcessingResultCode', result.processingResultCode);
  set(body, 'ProcessingResultMessage', result.processingResultMessage);
  set(body, 'PrescriptionIssueSelect', result.prescriptionIssueSelect);
  const results = result.persons.map(personToRecord);
  const first = results[0];
  if (first) {
    for (const [category, prefix] of Object.entries(consentPrefixByCategory) as [
      ConsentCategory,
      ConsentPrefix,
    ][]) {
      Object.assign(first.fields, consentFields(result.consents[category], prefix));
    }
    for (const [category, prefix] of Object.entries(recordSharingPrefixByCategory) as [
      RecordSharingCategory,
      ConsentPrefix,
    ][]) {
      Object.assign(first.fields, consentFields(result.recordSharingConsents?.[category], prefix));
    }
    const limit = result.limitConsent;
    if (limit) {
      first.fields.LimitApplicationCertificateRelatedConsFlg = limit.flag ?? (limit.agreed ? '1' : '0');
      set(first.fields, 'LimitApplicationCertificateRelatedConsTime', limit.consentTime);
    }
    const diseases = result.specificDiseasesConsent;
    if (diseases) {
      first.fields.SpecificDiseasesCertificateRelatedConsFlg = diseases.flag ?? (diseases.agreed ? '1' : '0');
      set(first.fields, 'SpecificDiseasesCertificateRelatedConsTime', diseases.consentTime);
    }
  }
  return { header, body, results };
}

/** Header-only answer: "processing" (SegmentOfResult 2) or an abnormal end (9) with the system's error code. */
export function errorDocument(options: {
  segment: '2' | '9';
  requestId: string;
  processedAt: string;
  medicalInstitutionCode?: string;
  errorCode?: string;
  errorMessage?: string;
}): ResultDocument {
  const executionTime = isoToOqsDateTime(options.processedAt);
  const header: ResultDocument['header'] = {
    ProcessExecutionTime: executionTime,
    QualificationConfirmationDate: executionTime.slice(0, 8),
    ArbitraryFileIdentifier: options.requestId,
    SegmentOfResult: options.segment,
  };
  set(header, 'MedicalInstitutionCode', options.medicalInstitutionCode);
  set(header, 'ErrorCode', options.errorCode);
  set(header, 'ErrorMessage', options.errorMessage);
  return { header, results: [] };
}

/** Parse a result / face file straight to the typed result. Throws only GatewayError. */
export function parseResultXml(bytes: Uint8Array, options: ToModelOptions): QualificationResult {
  try {
    return documentToResult(readResultDocumentText(decodeXml(bytes).text), options);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw malformed('資格確認結果ファイルを解釈できません。', error);
  }
}

/** Write the typed result as a result / face file in the chosen encoding. */
export function writeResultXml(
  result: QualificationResult,
  encoding: XmlEncoding,
  options: ToDocumentOptions = {},
): Buffer {
  return writeResultDocument(resultToDocument(result, options), encoding);
}
