// Public surface of the insurance rules: pure functions over keyed numbers, dates and documents.
export type { KeyedField, RuleError, RuleMessage, RuleResult } from './rule-result';
export { fieldLabels, ruleError, ruleFail, ruleOk } from './rule-result';
export type { CalendarDate, Clock } from './calendar-date';
export {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  endOfMonth,
  formatCompactDate,
  formatIsoDate,
  isValidCalendarDate,
  jstDateOf,
  jstToday,
  parseCompactDate,
  parseIsoDate,
} from './calendar-date';
export { dayReachingAge, firstDayAtAge } from './age';
export { MAX_RAW_INPUT_LENGTH, normalizeKeyedText } from './normalize';
export { LUHN_WEIGHTS, hasValidCheckDigit, weightedMod10CheckDigit } from './check-digit';
export type { InsurerKind, InsurerKindInfo } from './houbetsu';
export { HOUBETSU_TABLE, describeInsurerKind } from './houbetsu';
export type { InsurerNumber } from './insurer-number';
export { INSURER_NUMBER_PAD, padInsurerNumber, validateInsurerNumber } from './insurer-number';
export {
  RECIPIENT_NUMBER_WEIGHTS,
  validatePublicExpensePayerNumber,
  validateRecipientNumber,
} from './public-expense-number';
export type { FeeSchedule, MedicalInstitutionCode } from './medical-institution-code';
export { validateMedicalInstitutionCode } from './medical-institution-code';
export type { DateProblem, Era, EraName, ParsedDate } from './japanese-date';
export { EARLIEST_DATE, ERAS, eraOf, formatJapaneseDate, parseKeyedDate } from './japanese-date';
export {
  NUMBER_CHARACTERS,
  NUMBER_MAX_LENGTH,
  SYMBOL_CHARACTERS,
  SYMBOL_MAX_LENGTH,
  validateBranch,
  validateNumber,
  validateSymbol,
} from './keyed-fields';
export type { DatedWindow, TransitionRule } from './transition-table';
export {
  CERTIFICATE_GRACE_ANCHOR,
  PROVISIONAL_FIRST_WINDOW_INSURERS,
  certificateGraceRule,
  transitionTable,
} from './transition-table';
export { coversInsurer, isInPeriod, ruleApplies, ruleThrough, windowOn } from './transitions';
export type { CertificateFacts, CertificateStatus, TokenKind } from './certificate-status';
export { certificateGraceUntil, certificateStatus } from './certificate-status';
export type { AcceptanceBasis, DocumentAcceptance, DocumentFacts, DocumentKind } from './accepted-document';
export { acceptedDocument, documentKinds, isDocumentKind } from './accepted-document';
export type { KeyedEntry, KeyedEntryInput } from './keyed-entry';
export { validateKeyedEntry } from './keyed-entry';
export type {
  AgeBand,
  CopayFacts,
  CopayProblem,
  CopayProblemCode,
  CopaySource,
  CopayTenths,
  DerivedCopay,
  StatutoryCopayPeriod,
} from './copay';
export {
  MEDICAL_ASSISTANCE_CARD_CLASSIFICATION,
  PRESCHOOL_CLASSIFICATION,
  ageBandOn,
  copayProblems,
  deriveCopay,
  preschoolLastDay,
  seventiesFirstDay,
  statutoryCopayTable,
} from './copay';
export type { NewerIssuance } from './issuance';
export { NEWEST_ISSUANCE_IS_VALID, newerIssuance } from './issuance';
