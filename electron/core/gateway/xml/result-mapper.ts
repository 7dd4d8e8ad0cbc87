// Maps a result document to the typed QualificationResult and back (oqs-and-insurance.md §2.4–§2.5, §6).
import { GatewayError, type QualificationResult } from '../qualification-gateway';
import { isoToOqsDateTime } from './codes';
import { decodeXml, type XmlEncoding } from './encoding';
import { readResultDocumentText, writeResultDocument, type ResultDocument } from './result-document';
import { readResult, writeResult } from './result-fields';
import { malformed } from './xml-tree';

export interface ToModelOptions {
  gateway: QualificationResult['gateway'];
  /** Defaults to the header's ArbitraryFileIdentifier. */
  requestId?: string;
}

/**
 * Turn a document into the typed result; SegmentOfResult 2 / 9 and body errors become GatewayError.
 * The control elements are checked here; every mapped element goes through the table in result-fields.
 */
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
  if (body.QualificationValidity === undefined && body.ProcessingResultStatus?.trim() === '2') {
    const detail = [body.ProcessingResultCode, body.ProcessingResultMessage].filter(Boolean).join(': ');
    throw new GatewayError(
      'gateway.rejected',
      `資格確認がエラーになりました${detail ? `（${detail}）` : ''}。`,
      body.ProcessingResultCode,
    );
  }
  const result = readResult(doc, options.gateway);
  if (options.requestId !== undefined) result.requestId = options.requestId;
  return result;
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
  const doc = writeResult(result, {
    header: { SegmentOfResult: '1' },
    body: { ProcessingResultStatus: '1' },
    results: [],
  });
  if (doc.header.MedicalInstitutionCode === undefined && options.medicalInstitutionCode !== undefined) {
    doc.header.MedicalInstitutionCode = options.medicalInstitutionCode;
  }
  return doc;
}

/** Header-only answer: "processing" (SegmentOfResult 2) or an abnormal end (9) with the system's error code. */
export function errorDocument(options: {
  segment: '2' | '9';
  requestId: string;
  processedAt: string;
  medicalInstitutionCode?: string;
  /** yyyyMMdd of the request answered; the execution day when not given. */
  confirmationDate?: string;
  errorCode?: string;
  errorMessage?: string;
}): ResultDocument {
  const executionTime = isoToOqsDateTime(options.processedAt);
  const header: ResultDocument['header'] = {
    ProcessExecutionTime: executionTime,
    QualificationConfirmationDate: options.confirmationDate ?? executionTime.slice(0, 8),
    ArbitraryFileIdentifier: options.requestId,
    SegmentOfResult: options.segment,
  };
  if (options.medicalInstitutionCode !== undefined)
    header.MedicalInstitutionCode = options.medicalInstitutionCode;
  if (options.errorCode !== undefined) header.ErrorCode = options.errorCode;
  if (options.errorMessage !== undefined) header.ErrorMessage = options.errorMessage;
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
