// The QualificationGateway port and the typed result model the session and screens use (oqs-and-insurance.md §2).
import type {
  CheckinRoute,
  ConsentItem,
  GatewayAdapter,
  QualificationValidity,
  TokenKind,
} from '../../common/vocabulary';

/** OQSCD006 QualificationValidity (§2.4), from the domain vocabulary. */
export type { QualificationValidity } from '../../common/vocabulary';

/** OQSCD011 / OQSCD012 (§6). */
export interface LimitCertificate {
  classification: '01' | '02' | '03';
  /** A01–A06 (under 70), B01–B10 (70+ / 後期高齢者). */
  classFlag: string;
  /** Japanese label of the class, e.g. "区分ウ", "一般Ⅰ". */
  label: string;
  issuedOn?: string;
  validFrom?: string;
  validTo?: string;
  longTermDate?: string;
}

export interface ElderlyCertificate {
  issuedOn?: string;
  validFrom?: string;
  validTo?: string;
  /** "010" | "020" | "030" as in the XML. */
  contributionRatio?: string;
}

export interface SpecificDiseaseCertificate {
  /** 1 chronic renal failure on dialysis, 2 congenital coagulation-factor disorder, 3 HIV from blood products. */
  category: '1' | '2' | '3';
  issuedOn?: string;
  validFrom?: string;
  validTo?: string;
  selfPay?: string;
}

/** One consent triple from the result (§2.5). */
export interface ConsentState {
  agreed: boolean;
  consentTime?: string;
  availableUntil?: string;
  /** The flag as sent (OQSCD016: 0 none, 1 agreed, 2 expired, 3 difficult to obtain; OQSCD001 for 限度額). */
  flag?: string;
}

/** Items of the 電子カルテ情報共有サービス (§2.5); whether OQS results carry them is unconfirmed. */
export type RecordSharingCategory =
  'diagnosisName' | 'infectious' | 'allergy' | 'contraindication' | 'test' | 'prescription';

export interface InsuredPerson {
  /** OQSCD010 InsuredCardClassification. */
  cardClassification?: string;
  insurerNumber: string;
  insurerName?: string;
  symbol?: string;
  number: string;
  branch?: string;
  /** 1 本人, 2 家族. */
  personalFamily?: '1' | '2';
  name: string;
  /** True where the system could not show a character and printed ●: staff must check the kana. */
  nameHasUnrenderable: boolean;
  nameOfOther?: string;
  nameKana?: string;
  /** 1 male, 2 female, 3 not set. */
  sex?: '1' | '2' | '3';
  birthdate: string;
  address?: string;
  postNumber?: string;
  qualificationDate?: string;
  disqualificationDate?: string;
  cardValidFrom?: string;
  cardExpiresOn?: string;
  /** Copay in tenths: 1 = 1割, 2 = 2割, 3 = 3割; undefined when the insurer did not send it. */
  copayTenths?: 1 | 2 | 3;
  preschool?: string;
  reasonOfLoss?: '01' | '02' | '03' | '99';
  elderly?: ElderlyCertificate;
  limit?: LimitCertificate;
  specificDiseases: SpecificDiseaseCertificate[];
  /** 世帯主 (InsuredName). */
  insuredName?: string;
  nameOfOtherKana?: string;
  /** Sex2: only when the insurer uses the exception for gender notation. */
  sex2?: string;
  /** InsuredCertificateIssuanceDate. */
  cardIssuedOn?: string;
  /** InsuredPartialContributionRatio as sent, e.g. "030" (copayTenths is its reading). */
  contributionRatio?: string;
  /** 照会番号: the clinic's own patient ID registered on the OQS server (§2.1). */
  referenceNumber?: string;
  arbitraryIdentifier?: string;
  /** 医療扶助 only. */
  publicExpenseNumber?: string;
  beneficiaryNumber?: string;
  /** PublicExpenseResultList/MedicalTicketInfo (医療扶助 only), members as sent. */
  medicalTickets?: Record<string, string>[];
}

/** The data-sharing items of a result (§2.5): the vocabulary's consent items. */
export type ConsentCategory = ConsentItem;

export interface QualificationResult {
  /** How the gateway answered, for the log and troubleshooting. */
  gateway: GatewayAdapter;
  requestId: string;
  /** ProcessExecutionTime as ISO 8601 with +09:00 (the XML carries JST without a zone). */
  processedAt: string;
  /** 1 card, 2 insurance-card data (OQSCD002). */
  referenceClassification?: '1' | '2';
  validity: QualificationValidity;
  /** Persons in ResultList; several when validity is 5 (複数該当). */
  persons: InsuredPerson[];
  consents: Partial<Record<ConsentCategory, ConsentState>>;
  limitConsent?: ConsentState;
  processingResultCode?: string;
  processingResultMessage?: string;
  /** Japanese wording of `validity` for staff, e.g. "無効（新しい資格あり）". */
  validityLabel?: string;
  /** 10-digit 医療機関コード from the result header. */
  medicalInstitutionCode?: string;
  /** yyyyMMdd the confirmation applies to. */
  qualificationConfirmationDate?: string;
  /** 1 電子処方箋, 2 紙の処方箋 — chosen by the patient on a face reader. */
  prescriptionIssueSelect?: string;
  specificDiseasesConsent?: ConsentState;
  recordSharingConsents?: Partial<Record<RecordSharingCategory, ConsentState>>;
}

/** Card route: the card proved possession by signing a fresh challenge (or staff did a visual check). */
export interface CardConfirmation {
  route: Exclude<CheckinRoute, 'keyed'>;
  /** DER of the 利用者証明用電子証明書 (EF 000A). */
  certificate: Uint8Array;
  /** PIN route only: the challenge and the card's signature over it. */
  challenge?: Uint8Array;
  signature?: Uint8Array;
  tokenKind: TokenKind;
  /** The patient agreed to provide 限度額 information. */
  limitConsent: boolean;
  consents?: Partial<Record<ConsentCategory, boolean>>;
}

/** Keyed route: numbers from a 資格確認書 (or 資格情報のお知らせ with the card seen). */
export interface KeyedConfirmation {
  route: Extract<CheckinRoute, 'keyed'>;
  insurerNumber: string;
  symbol?: string;
  number: string;
  branch?: string;
  /** yyyyMMdd */
  birthdate: string;
  limitConsent: boolean;
}

export type ConfirmationRequest = CardConfirmation | KeyedConfirmation;

/** How the holder of the card being registered was proven (oqs-and-insurance.md §3). */
export type RegistrationRequest =
  | { route: 'card-pin'; certificate: Uint8Array; challenge: Uint8Array; signature: Uint8Array }
  | { route: 'card-visual'; certificate: Uint8Array; staffId: string };

export const gatewayErrorCodes = [
  'gateway.timeout',
  'gateway.unavailable',
  'gateway.malformed-response',
  'gateway.processing',
  'gateway.rejected',
  'gateway.signature-invalid',
  'gateway.certificate-invalid',
  'gateway.not-registered',
] as const;
export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    /** The system's own error code (e.g. from 別紙6-1), when it gave one. */
    readonly systemCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface GatewayHealth {
  ok: boolean;
  detail: string;
}

export interface QualificationGateway {
  readonly kind: GatewayAdapter;
  /** Ask the eligibility system. Rejects with GatewayError. */
  confirm(request: ConfirmationRequest, signal?: AbortSignal): Promise<QualificationResult>;
  /**
   * 保険証利用登録: is this card registered for use as health insurance? Once `signal` aborts the call
   * stops waiting and rejects (its answer is no longer wanted).
   */
  isRegistered(certificate: Uint8Array, signal?: AbortSignal): Promise<boolean>;
  /**
   * 保険証利用登録 (register the card for use as health insurance) once the holder is proven: by the PIN
   * (challenge signed) or by staff comparing the card photo with the patient (目視確認). A
   * 顔認証マイナンバーカード has no PIN, so 目視 is its only kiosk route. `signal` as above.
   */
  register(request: RegistrationRequest, signal?: AbortSignal): Promise<void>;
  health(): Promise<GatewayHealth>;
  close(): Promise<void>;
}
