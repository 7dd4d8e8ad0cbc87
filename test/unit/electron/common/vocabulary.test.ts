// The domain vocabulary: every value has its one Japanese label, and the contract speaks the same enums.
import { describe, expect, it } from 'vitest';
import * as contract from '../../../../electron/common/contract';
import {
  JST_UTC_OFFSET,
  JST_UTC_OFFSET_MINUTES,
  QualificationValidity,
  certificateStateLabels,
  certificateStates,
  checkinOutcomes,
  checkinRoutes,
  consentItemLabels,
  consentItems,
  gatewayAdapters,
  isQualificationValidity,
  keyedDocumentKindLabels,
  keyedDocumentKinds,
  outcomeLabels,
  qualificationValidities,
  routeLabels,
  tokenKindLabels,
  tokenKinds,
  validityLabels,
  validityMeanings,
} from '../../../../electron/common/vocabulary';
import * as vocabulary from '../../../../electron/common/vocabulary';

const tables: Array<[string, readonly (string | number)[], Readonly<Record<string | number, string>>]> = [
  ['consent items', consentItems, consentItemLabels],
  ['token kinds', tokenKinds, tokenKindLabels],
  ['certificate states', certificateStates, certificateStateLabels],
  ['routes', checkinRoutes, routeLabels],
  ['outcomes', checkinOutcomes, outcomeLabels],
  ['keyed documents', keyedDocumentKinds, keyedDocumentKindLabels],
  ['validity codes', qualificationValidities, validityLabels],
];

describe('vocabulary labels', () => {
  it.each(tables)(
    '%s: one non-empty label per value, no label for anything else, no two alike',
    (_, values, labels) => {
      expect(Object.keys(labels).sort()).toEqual(values.map(String).sort());
      const texts = values.map((v) => labels[v]);
      for (const text of texts) expect(text).toMatch(/\S/);
      // '期限切れ' appears inside another certificate label, never as a duplicate of one.
      expect(new Set(texts).size).toBe(texts.length);
    },
  );

  it('a screen left alone ends 時間切れ, the word the CSV and the staff console share', () => {
    expect(outcomeLabels['timed-out']).toBe('時間切れ');
  });

  it('validity codes 1–6 are the OQSCD006 codes with the system’s own wording (oqs-and-insurance.md §2.4)', () => {
    expect(validityMeanings).toEqual({
      1: 'valid',
      2: 'invalid',
      3: 'superseded',
      4: 'not-found',
      5: 'multiple',
      6: 'unregistered',
    });
    expect(validityLabels[3]).toBe('無効（新しい資格あり）');
    expect(qualificationValidities.every((v) => isQualificationValidity(v))).toBe(true);
    for (const other of [0, 7, 1.5, '1', null]) {
      expect(isQualificationValidity(other)).toBe(false);
      expect(QualificationValidity.safeParse(other).success).toBe(false);
    }
  });

  it('every validity code but 1 has its validity-* notice on the result screen', () => {
    for (const code of qualificationValidities.filter((v) => v !== 1)) {
      expect(contract.ResultNotice.options).toContain(`validity-${validityMeanings[code]}`);
    }
    const validityNotices = contract.ResultNotice.options.filter((n) => n.startsWith('validity-'));
    expect(validityNotices).toHaveLength(qualificationValidities.length - 1);
  });

  it('JST is UTC+9, written the way settings write an offset', () => {
    expect(JST_UTC_OFFSET_MINUTES).toBe(540);
    const [hours, minutes] = JST_UTC_OFFSET.slice(1).split(':').map(Number);
    expect(JST_UTC_OFFSET.startsWith('+') && (hours ?? 0) * 60 + (minutes ?? 0)).toBe(JST_UTC_OFFSET_MINUTES);
  });
});

describe('the contract speaks the vocabulary', () => {
  it('re-exports the same schemas, not copies of them', () => {
    expect(contract.ConsentItem).toBe(vocabulary.ConsentItem);
    expect(contract.TokenKind).toBe(vocabulary.TokenKind);
    expect(contract.CheckinRoute).toBe(vocabulary.CheckinRoute);
    expect(contract.CheckinOutcome).toBe(vocabulary.CheckinOutcome);
    expect(contract.CertificateState).toBe(vocabulary.CertificateState);
    expect(contract.Language).toBe(vocabulary.Language);
    expect(contract.consentItems).toBe(vocabulary.consentItems);
    expect(contract.languages).toBe(vocabulary.languages);
  });

  it('keyed document kinds, gateway adapters and validity codes in the staff channels are the vocabulary’s', () => {
    expect(contract.KeyedEntry.shape.documentKind.options).toEqual([...keyedDocumentKinds]);
    expect(contract.StaffSettings.shape.gateway.shape.adapter.options).toEqual([...gatewayAdapters]);
    const validity = contract.StaffConfirmationResult.shape.validity;
    expect(qualificationValidities.every((v) => validity.safeParse(v).success)).toBe(true);
    expect(validity.safeParse(7).success).toBe(false);
  });
});
