// The keyed eligibility request OQSsiquc01req_<id>.xml: write from a KeyedConfirmation, read back (§2.3).
import type { KeyedConfirmation } from '../qualification-gateway';
import { normalizeInsurerNumber, padInsurerNumber } from './codes';
import { declarationEncodingName, decodeXml, encodeXml, type XmlEncoding } from './encoding';
import { childNode, childText, malformed, parseXmlRoot, XmlWriter } from './xml-tree';

export const requestHeaderElements = [
  'QualificationConfirmationDate',
  'MedicalInstitutionCode',
  'ArbitraryFileIdentifier',
] as const;
export const requestSearchElements = [
  'InsurerNumber',
  'InsuredCardSymbol',
  'InsuredIdentificationNumber',
  'InsuredBranchNumber',
  'Birthdate',
  'LimitApplicationCertificateRelatedConsFlg',
  'ArbitraryIdentifier',
] as const;

export type RequestHeader = Partial<Record<(typeof requestHeaderElements)[number], string>>;
export type RequestSearch = Partial<Record<(typeof requestSearchElements)[number], string>>;

export interface RequestDocument {
  header: RequestHeader;
  search: RequestSearch;
}

export interface RequestEnvelope {
  /** ArbitraryFileIdentifier and the file-name suffix. */
  requestId: string;
  medicalInstitutionCode: string;
  /** yyyyMMdd */
  confirmationDate: string;
  arbitraryIdentifier?: string;
}

export function keyedToRequestDocument(
  request: KeyedConfirmation,
  envelope: RequestEnvelope,
): RequestDocument {
  const search: RequestSearch = {
    InsurerNumber: padInsurerNumber(request.insurerNumber),
    InsuredIdentificationNumber: request.number,
    Birthdate: request.birthdate,
    LimitApplicationCertificateRelatedConsFlg: request.limitConsent ? '1' : '0',
  };
  if (request.symbol) search.InsuredCardSymbol = request.symbol;
  if (request.branch) search.InsuredBranchNumber = request.branch;
  if (envelope.arbitraryIdentifier) search.ArbitraryIdentifier = envelope.arbitraryIdentifier;
  return {
    header: {
      QualificationConfirmationDate: envelope.confirmationDate,
      MedicalInstitutionCode: envelope.medicalInstitutionCode,
      ArbitraryFileIdentifier: envelope.requestId,
    },
    search,
  };
}

export function writeRequestText(doc: RequestDocument, encoding: XmlEncoding): string {
  const out = new XmlWriter(declarationEncodingName[encoding]);
  out.open('XmlMsg');
  out.open('MessageHeader');
  for (const name of requestHeaderElements) out.text(name, doc.header[name]);
  out.close('MessageHeader');
  out.open('MessageBody');
  out.open('QualificationConfirmSearchInfo');
  for (const name of requestSearchElements) out.text(name, doc.search[name]);
  out.close('QualificationConfirmSearchInfo');
  out.close('MessageBody');
  out.close('XmlMsg');
  return out.toString();
}

export function writeRequestXml(doc: RequestDocument, encoding: XmlEncoding): Buffer {
  return encodeXml(writeRequestText(doc, encoding), encoding);
}

/** Read a request file (the terminal simulator's side). Throws only GatewayError. */
export function readRequestXml(bytes: Uint8Array): RequestDocument {
  const what = '資格確認要求ファイル';
  const root = parseXmlRoot(decodeXml(bytes).text, 'XmlMsg', what);
  const headerNode = childNode(root, 'MessageHeader', what);
  const body = childNode(root, 'MessageBody', what);
  const searchNode = body && childNode(body, 'QualificationConfirmSearchInfo', what);
  if (!headerNode || !searchNode)
    throw malformed(`${what}に MessageHeader / QualificationConfirmSearchInfo がありません。`);
  const doc: RequestDocument = { header: {}, search: {} };
  for (const name of requestHeaderElements) {
    const value = childText(headerNode, name, what);
    if (value !== undefined) doc.header[name] = value;
  }
  for (const name of requestSearchElements) {
    const value = childText(searchNode, name, what);
    if (value !== undefined) doc.search[name] = value;
  }
  return doc;
}

/** The request's search keys as a KeyedConfirmation (insurer number without padding). */
export function requestDocumentToKeyed(doc: RequestDocument): KeyedConfirmation {
  const s = doc.search;
  if (!s.InsurerNumber || !s.InsuredIdentificationNumber || !s.Birthdate) {
    throw malformed(
      '資格確認要求ファイル: InsurerNumber / InsuredIdentificationNumber / Birthdate が欠けています。',
    );
  }
  const keyed: KeyedConfirmation = {
    route: 'keyed',
    insurerNumber: normalizeInsurerNumber(s.InsurerNumber),
    number: s.InsuredIdentificationNumber,
    birthdate: s.Birthdate.trim(),
    limitConsent: s.LimitApplicationCertificateRelatedConsFlg?.trim() === '1',
  };
  if (s.InsuredCardSymbol) keyed.symbol = s.InsuredCardSymbol;
  if (s.InsuredBranchNumber) keyed.branch = s.InsuredBranchNumber;
  return keyed;
}
