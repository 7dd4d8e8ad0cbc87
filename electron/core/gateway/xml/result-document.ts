// The result file OQSsiquc01res_* / face file as a document: every element of §2.4–§2.5, read and written verbatim.
import { consentPrefixes, type ConsentPrefix } from './codes';
import {
  characterCodeIdentifier,
  declarationEncodingName,
  decodeXml,
  encodeXml,
  type XmlEncoding,
} from './encoding';
import {
  allTextChildren,
  childNode,
  childNodes,
  childText,
  malformed,
  parseXmlRoot,
  XmlWriter,
  type XmlNode,
} from './xml-tree';

/*
 * Element names come from code bases that parse real files (§2.4, §2.5); element order is
 * unconfirmed, so the reader accepts any order and the writer uses the order of these tables.
 */

export const resultHeaderElements = [
  'ProcessExecutionTime',
  'QualificationConfirmationDate',
  'MedicalInstitutionCode',
  'ArbitraryFileIdentifier',
  'ReferenceClassification',
  'SegmentOfResult',
  'ErrorCode',
  'ErrorMessage',
  'CharacterCodeIdentifier',
] as const;

export const resultBodyElements = [
  'ProcessingResultStatus',
  'ProcessingResultCode',
  'ProcessingResultMessage',
  'QualificationValidity',
  'PrescriptionIssueSelect',
] as const;

type ConsentTriple<P extends string> = `${P}ConsFlg` | `${P}ConsTime` | `${P}AvailableTime`;
export type ConsentElement = ConsentTriple<ConsentPrefix>;
export const consentElements = consentPrefixes.flatMap(
  (prefix) => [`${prefix}ConsFlg`, `${prefix}ConsTime`, `${prefix}AvailableTime`] as const,
) as ConsentElement[];

export const personElements = [
  'InsuredCardClassification',
  'InsurerNumber',
  'InsuredCardSymbol',
  'InsuredIdentificationNumber',
  'InsuredBranchNumber',
  'PersonalFamilyClassification',
  'InsuredName',
  'Name',
  'NameOfOther',
  'NameKana',
  'NameOfOtherKana',
  'Sex1',
  'Sex2',
  'Birthdate',
  'Address',
  'PostNumber',
  'QualificationDate',
  'DisqualificationDate',
  'InsuredCertificateIssuanceDate',
  'InsuredCardValidDate',
  'InsuredCardExpirationDate',
  'InsuredPartialContributionRatio',
  'PreschoolClassification',
  'ReasonOfLoss',
  'InsurerName',
  'LimitApplicationCertificateRelatedConsFlg',
  'LimitApplicationCertificateRelatedConsTime',
  'SpecificDiseasesCertificateRelatedConsFlg',
  'SpecificDiseasesCertificateRelatedConsTime',
  ...consentElements,
  'PrescriptionIssueSelect',
  'ArbitraryIdentifier',
  'ReferenceNumber',
  'PublicExpenseNumber',
  'BeneficiaryNumber',
] as const;

export const elderlyElements = [
  'ElderlyRecipientCertificateDate',
  'ElderlyRecipientValidStartDate',
  'ElderlyRecipientValidEndDate',
  'ElderlyRecipientContributionRatio',
] as const;

export const limitElements = [
  'LimitApplicationCertificateClassification',
  'LimitApplicationCertificateClassificationFlag',
  'LimitApplicationCertificateDate',
  'LimitApplicationCertificateValidStartDate',
  'LimitApplicationCertificateValidEndDate',
  'LimitApplicationCertificateLongTermDate',
] as const;

export const specificDiseaseElements = [
  'SpecificDiseasesDiseaseCategory',
  'SpecificDiseasesCertificateDate',
  'SpecificDiseasesValidStartDate',
  'SpecificDiseasesValidEndDate',
  'SpecificDiseasesSelfPay',
] as const;

/**
 * Element names seen in public code that differ from the names above, read as the canonical name
 * (the canonical element wins when a file carries both). Each row: alias → canonical, with where the
 * spelling was seen. The writer always writes the canonical names.
 */
export const ELEMENT_NAME_ALIASES: Readonly<Record<string, string>> = {
  // One parser truncates the 限度額 class flag (§2.4).
  LimitApplicationCertificateClassificationFla: 'LimitApplicationCertificateClassificationFlag',
  // One parser spells the 診療情報 consent time without its last letter, likely its own typo (§2.5).
  DiagnosisInfoConsTim: 'DiagnosisInfoConsTime',
  // 薬剤情報 consent as the bulk / home-visit tools write it (YUKI-ENT/OQSDrug2 QualificationFaceExporter.cs; §2.5,
  // unconfirmed which interface uses it). Their "…AcquisitionTime" is not read as AvailableTime: its meaning is
  // not known, and a wrong "available until" would be worse than none.
  PharmaceuticalInfoConsFlg: 'PharmacistsInfoConsFlg',
  PharmaceuticalInfoConsTime: 'PharmacistsInfoConsTime',
  PharmaceuticalInfoAvailableTime: 'PharmacistsInfoAvailableTime',
};

type Fields<K extends string> = Partial<Record<K, string>>;
export type ResultHeader = Fields<(typeof resultHeaderElements)[number]>;
export type ResultBody = Fields<(typeof resultBodyElements)[number]>;
export type PersonFields = Fields<(typeof personElements)[number]>;
export type ElderlyFields = Fields<(typeof elderlyElements)[number]>;
export type LimitFields = Fields<(typeof limitElements)[number]>;
export type SpecificDiseaseFields = Fields<(typeof specificDiseaseElements)[number]>;

export interface PersonRecord {
  fields: PersonFields;
  elderly?: ElderlyFields;
  limit?: LimitFields;
  specificDiseases: SpecificDiseaseFields[];
  /** PublicExpenseResultList/MedicalTicketInfo (医療扶助 only); members kept as they came. */
  medicalTickets: Record<string, string>[];
}

export interface ResultDocument {
  header: ResultHeader;
  /** Absent when the system answered "processing" or an error with no body. */
  body?: ResultBody;
  results: PersonRecord[];
}

function readFields<K extends string>(node: XmlNode, names: readonly K[], what: string): Fields<K> {
  const out: Fields<K> = {};
  for (const name of names) {
    const value = childText(node, name, what);
    if (value !== undefined) out[name] = value;
  }
  for (const [alias, canonical] of Object.entries(ELEMENT_NAME_ALIASES)) {
    if (!(names as readonly string[]).includes(canonical) || out[canonical as K] !== undefined) continue;
    const value = childText(node, alias, what);
    if (value !== undefined) out[canonical as K] = value;
  }
  return out;
}

/**
 * The child groups of one ResultOfQualificationConfirmation (§2.4), each read and written by the same
 * row; the writer emits them in this order after the person's own elements.
 */
interface GroupRow {
  read(node: XmlNode, person: PersonRecord, what: string): void;
  write(out: XmlWriter, person: PersonRecord): void;
}

/** A group that occurs at most once and holds known text elements. */
function oneGroup<K extends string>(
  element: string,
  names: readonly K[],
  get: (person: PersonRecord) => Fields<K> | undefined,
  put: (person: PersonRecord, fields: Fields<K>) => void,
): GroupRow {
  return {
    read(node, person, what) {
      const group = childNode(node, element, what);
      if (group) put(person, readFields(group, names, what));
    },
    write(out, person) {
      const fields = get(person);
      if (!fields) return;
      out.open(element);
      writeFields(out, fields, names);
      out.close(element);
    },
  };
}

/** A list element holding repeated item groups. */
function listGroup<T>(
  listElement: string,
  itemElement: string,
  item: { read(node: XmlNode, what: string): T; write(out: XmlWriter, value: T): void },
  get: (person: PersonRecord) => T[],
  put: (person: PersonRecord, items: T[]) => void,
): GroupRow {
  return {
    read(node, person, what) {
      const list = childNode(node, listElement, what);
      if (list)
        put(
          person,
          childNodes(list, itemElement, what).map((n) => item.read(n, what)),
        );
    },
    write(out, person) {
      const items = get(person);
      if (items.length === 0) return;
      out.open(listElement);
      for (const value of items) {
        out.open(itemElement);
        item.write(out, value);
        out.close(itemElement);
      }
      out.close(listElement);
    },
  };
}

const personGroups: readonly GroupRow[] = [
  oneGroup(
    'ElderlyRecipientCertificateInfo',
    elderlyElements,
    (p) => p.elderly,
    (p, fields) => (p.elderly = fields),
  ),
  oneGroup(
    'LimitApplicationCertificateRelatedInfo',
    limitElements,
    (p) => p.limit,
    (p, fields) => (p.limit = fields),
  ),
  listGroup(
    'SpecificDiseasesCertificateList',
    'SpecificDiseasesCertificateInfo',
    {
      read: (node, what) => readFields(node, specificDiseaseElements, what),
      write: (out, disease) => writeFields(out, disease, specificDiseaseElements),
    },
    (p) => p.specificDiseases,
    (p, items) => (p.specificDiseases = items),
  ),
  // 医療扶助 tickets: members are not known in advance, so they are kept and written as they came.
  listGroup(
    'PublicExpenseResultList',
    'MedicalTicketInfo',
    {
      read: (node, what) => allTextChildren(node, what),
      write: (out, ticket) => {
        for (const [name, value] of Object.entries(ticket)) {
          if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) out.text(name, value);
        }
      },
    },
    (p) => p.medicalTickets,
    (p, items) => (p.medicalTickets = items),
  ),
];

function readPerson(node: XmlNode, index: number): PersonRecord {
  const what = `資格確認結果 ${index + 1} 件目`;
  const person: PersonRecord = {
    fields: readFields(node, personElements, what),
    specificDiseases: [],
    medicalTickets: [],
  };
  for (const group of personGroups) group.read(node, person, what);
  return person;
}

/** Parse a result or face file (bytes in UTF-8 or Shift_JIS). Throws only GatewayError. */
export function readResultDocument(bytes: Uint8Array): ResultDocument {
  const { text } = decodeXml(bytes);
  return readResultDocumentText(text);
}

export function readResultDocumentText(text: string): ResultDocument {
  const what = '資格確認結果ファイル';
  const root = parseXmlRoot(text, 'XmlMsg', what);
  const headerNode = childNode(root, 'MessageHeader', what);
  if (!headerNode) throw malformed(`${what}に MessageHeader がありません。`);
  const bodyNode = childNode(root, 'MessageBody', what);
  const doc: ResultDocument = { header: readFields(headerNode, resultHeaderElements, what), results: [] };
  if (bodyNode) {
    doc.body = readFields(bodyNode, resultBodyElements, what);
    const list = childNode(bodyNode, 'ResultList', what);
    if (list) doc.results = childNodes(list, 'ResultOfQualificationConfirmation', what).map(readPerson);
  }
  return doc;
}

function writeFields<K extends string>(out: XmlWriter, fields: Fields<K>, names: readonly K[]): void {
  for (const name of names) out.text(name, fields[name]);
}

/** Write a document as XML text; CharacterCodeIdentifier follows the chosen encoding. */
export function writeResultDocumentText(doc: ResultDocument, encoding: XmlEncoding): string {
  const out = new XmlWriter(declarationEncodingName[encoding]);
  out.open('XmlMsg');
  out.open('MessageHeader');
  writeFields(
    out,
    { ...doc.header, CharacterCodeIdentifier: characterCodeIdentifier[encoding] },
    resultHeaderElements,
  );
  out.close('MessageHeader');
  if (doc.body) {
    out.open('MessageBody');
    if (doc.results.length > 0) {
      out.open('ResultList');
      for (const person of doc.results) writePerson(out, person);
      out.close('ResultList');
    }
    writeFields(out, doc.body, resultBodyElements);
    out.close('MessageBody');
  }
  out.close('XmlMsg');
  return out.toString();
}

function writePerson(out: XmlWriter, person: PersonRecord): void {
  out.open('ResultOfQualificationConfirmation');
  writeFields(out, person.fields, personElements);
  for (const group of personGroups) group.write(out, person);
  out.close('ResultOfQualificationConfirmation');
}

export function writeResultDocument(doc: ResultDocument, encoding: XmlEncoding): Buffer {
  return encodeXml(writeResultDocumentText(doc, encoding), encoding);
}
