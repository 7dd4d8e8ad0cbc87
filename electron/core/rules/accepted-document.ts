// Which paper document keyed entry accepts on a given day: 資格確認書, お知らせ with the card, or an old 保険証.
import type { CalendarDate, Clock } from './calendar-date';
import { addDays, compareDates, formatIsoDate, jstToday } from './calendar-date';
import type { InsurerKind } from './houbetsu';
import type { RuleResult } from './rule-result';
import { ruleError, ruleFail, ruleOk } from './rule-result';
import type { DatedWindow } from './transition-table';
import { ruleApplies, ruleThrough, windowOn } from './transitions';

export const documentKinds = [
  'eligibility-certificate',
  'eligibility-notice',
  'health-insurance-card',
] as const;

/** 資格確認書 / 資格情報のお知らせ / 健康保険証 (oqs-and-insurance.md §4.1, §5). */
export type DocumentKind = (typeof documentKinds)[number];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (documentKinds as readonly string[]).includes(value);
}

export interface DocumentFacts {
  /** Staff saw the holder's own My Number card next to the 資格情報のお知らせ. */
  staffSawMyNumberCard?: boolean;
  /** The 有効期限 printed on the document, when it has one (many old 保険証 and most お知らせ have none). */
  printedExpiry?: CalendarDate;
  /**
   * The kind of insurer of the keyed 保険者番号: the first 暫定措置 window covers only some insurers (§5).
   * Absent when the number could not be read; then only unscoped windows apply.
   */
  insurerKind?: InsurerKind;
}

export type AcceptanceBasis =
  /** A 資格確認書 within its printed expiry. */
  | 'eligibility-certificate'
  /** A 資格情報のお知らせ shown together with the holder's My Number card (§4.1). */
  | 'notice-with-card'
  /** A 健康保険証 within its printed expiry, up to 2025-12-01 (§5). */
  | 'within-printed-expiry'
  /** The 暫定措置 for expired 保険証 or the お知らせ alone (§5). */
  | 'provisional-measure';

export interface DocumentAcceptance {
  kind: DocumentKind;
  basis: AcceptanceBasis;
  /** Last day (yyyy-mm-dd) this basis holds, when it ends. */
  until?: string;
}

const isPast = (date: CalendarDate | undefined, today: CalendarDate): boolean =>
  date !== undefined && compareDates(date, today) < 0;

const provisional = (kind: DocumentKind, window: DatedWindow): DocumentAcceptance => ({
  kind,
  basis: 'provisional-measure',
  ...(window.through ? { until: window.through } : {}),
});

const expired = (ja: string, en: string) =>
  ruleFail<DocumentAcceptance>(ruleError('rules.document.expired', 'validUntil', ja, en));

/**
 * Decides whether keyed entry may use `kind` today (JST):
 * - 資格確認書: while its printed 有効期限 has not passed (§4.1).
 * - 資格情報のお知らせ: only with the holder's own My Number card seen by staff (§4.1), or alone under the
 *   暫定措置 (§5).
 * - 健康保険証: within its printed expiry up to 2025-12-01; once expired or after that day, only under the
 *   暫定措置 (§5).
 * The 暫定措置 has two windows (transition-table.ts): from 2025-08-01 for 国保 and 後期高齢者, from 2025-12-02
 * for every insurer, both to 2026-03-31.
 */
export function acceptedDocument(
  kind: unknown,
  facts: DocumentFacts,
  clock: Clock,
): RuleResult<DocumentAcceptance> {
  if (!isDocumentKind(kind)) {
    return ruleFail(
      ruleError(
        'rules.document.unknown-kind',
        'documentKind',
        '書類の種類をお選びください。',
        'Please choose the type of document.',
      ),
    );
  }
  const today = jstToday(clock);
  if (!today) {
    return ruleFail(
      ruleError(
        'rules.document.clock-unavailable',
        'documentKind',
        '日付を確認できません。係員をお呼びください。',
        'The date cannot be determined. Please call a staff member.',
      ),
    );
  }
  const printedExpiry = facts.printedExpiry;
  const provisionalNow = windowOn('provisionalMeasure', today, facts.insurerKind);

  switch (kind) {
    case 'eligibility-certificate':
      if (isPast(printedExpiry, today)) {
        return expired(
          '資格確認書の有効期限が過ぎています。新しい資格確認書をお持ちかご確認ください。',
          'The eligibility certificate has expired. Please check for a newer one.',
        );
      }
      return ruleOk({
        kind,
        basis: 'eligibility-certificate',
        ...(printedExpiry ? { until: formatIsoDate(printedExpiry) } : {}),
      });

    case 'eligibility-notice':
      if (facts.staffSawMyNumberCard === true && !isPast(printedExpiry, today)) {
        return ruleOk({ kind, basis: 'notice-with-card' });
      }
      if (provisionalNow) return ruleOk(provisional(kind, provisionalNow));
      if (facts.staffSawMyNumberCard !== true) {
        return ruleFail(
          ruleError(
            'rules.document.notice-needs-card',
            'staffSawMyNumberCard',
            '資格情報のお知らせは、ご本人のマイナンバーカードと一緒にお使いいただけます。カードをご確認ください。',
            "The eligibility notice is accepted only together with the holder's My Number card. Please check the card.",
          ),
        );
      }
      return expired('資格情報のお知らせの有効期限が過ぎています。', 'The eligibility notice has expired.');

    case 'health-insurance-card': {
      const lastValidDay = ruleThrough('healthInsuranceCard');
      const cardsStillValid = ruleApplies('healthInsuranceCard', today);
      if (cardsStillValid && !isPast(printedExpiry, today)) {
        const until =
          printedExpiry && lastValidDay && compareDates(printedExpiry, lastValidDay) < 0
            ? printedExpiry
            : lastValidDay;
        return ruleOk({
          kind,
          basis: 'within-printed-expiry',
          ...(until ? { until: formatIsoDate(until) } : {}),
        });
      }
      if (provisionalNow) return ruleOk(provisional(kind, provisionalNow));
      if (!cardsStillValid) {
        const endedFrom = lastValidDay ? addDays(lastValidDay, 1) : today;
        return ruleFail(
          ruleError(
            'rules.document.health-card-ended',
            'documentKind',
            `健康保険証は${endedFrom.year}年${endedFrom.month}月${endedFrom.day}日以降ご利用いただけません。資格確認書またはマイナ保険証をお持ちください。`,
            `Health insurance cards are no longer valid from ${formatIsoDate(endedFrom)}. Please show an eligibility certificate or your My Number card.`,
          ),
        );
      }
      return expired('健康保険証の有効期限が過ぎています。', 'The health insurance card has expired.');
    }
  }
}
