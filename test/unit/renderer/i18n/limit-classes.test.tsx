// 限度額区分 labels: every label the core can send is translated for every language (oqs-and-insurance.md §6).
import { describe, expect, it } from 'vitest';
import { languages } from '../../../../electron/common/contract';
import { limitClassName, translatedLimitLabels } from '../../../../renderer/i18n/limit-classes';

const kana = /[\u3040-\u30ff]/;

/**
 * The 区分 of OQSCD012 (oqs-and-insurance.md §6: A01–A06, B01–B10), as the core labels them ("区分" before the
 * under-70 letters): every label the result screen can receive.
 */
const limitClassLabels: Readonly<Record<string, string>> = {
  A01: '区分ア',
  A02: '区分イ',
  A03: '区分ウ',
  A04: '区分エ',
  A05: '区分オ',
  A06: '区分オ（境）',
  B01: '現役並みⅢ',
  B02: '現役並みⅡ',
  B03: '現役並みⅠ',
  B04: '一般',
  B05: '低所得Ⅱ',
  B06: '低所得Ⅰ',
  B07: '低所得Ⅰ（老福）',
  B08: '低所得Ⅰ（境）',
  B09: '一般Ⅱ',
  B10: '一般Ⅰ',
};

describe('限度額区分 in every language', () => {
  it('translates exactly the labels of OQSCD012', () => {
    expect([...translatedLimitLabels].sort()).toEqual(Object.values(limitClassLabels).sort());
  });

  it.each(languages.filter((l) => l !== 'ja'))('%s: no label is left in Japanese', (language) => {
    for (const label of Object.values(limitClassLabels)) {
      const { text, lang } = limitClassName(label, language);
      expect(lang, label).toBe(language);
      expect(text, label).not.toMatch(kana);
      // 一般 is written the same in Chinese; everywhere else the label must change.
      if (language !== 'zh-Hans') expect(text, label).not.toBe(label);
    }
  });

  it('keeps the order of ア–オ and the meaning of the 70+ brackets', () => {
    // §6: A01–A05 are ア イ ウ エ オ; B01 現役並みⅢ, B04 一般, B05 低所得Ⅱ, B07 低所得Ⅰ（老福）.
    expect(
      ['区分ア', '区分イ', '区分ウ', '区分エ', '区分オ'].map((l) => limitClassName(l, 'en').text),
    ).toEqual(['Category A', 'Category B', 'Category C', 'Category D', 'Category E']);
    expect(limitClassName('現役並みⅢ', 'en').text).toBe('Working-level income III');
    expect(limitClassName('一般', 'en').text).toBe('General');
    expect(limitClassName('低所得Ⅱ', 'en').text).toBe('Low income II');
    expect(limitClassName('低所得Ⅰ（老福）', 'en').text).toBe('Low income I (old-age welfare pension)');
  });

  it('shows Japanese as it is, and an unknown label in Japanese, marked as such', () => {
    expect(limitClassName('区分ウ', 'ja')).toEqual({ text: '区分ウ', lang: 'ja' });
    expect(limitClassName('未知の区分（A99）', 'vi')).toEqual({ text: '未知の区分（A99）', lang: 'ja' });
  });
});
