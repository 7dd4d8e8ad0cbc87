// 限度額区分 labels in every language: the core sends the Japanese label (OQSCD012, oqs-and-insurance.md §6).
import type { Language } from '../../electron/common/contract';

type Names = Readonly<Record<Exclude<Language, 'ja'>, string>>;

/**
 * ア–オ are the five brackets under 70, in kana order; other languages write them A–E, the order they
 * stand in. The 70+ brackets are named by what they mean: 現役並み (income like working age), 一般
 * (general), 低所得 (low income); （老福） = 老齢福祉年金 (old-age welfare pension), （境） = 境界層 (borderline).
 */
const bracket = (letter: string): Names => ({
  en: `Category ${letter}`,
  'zh-Hans': `${letter}类`,
  ko: `${letter} 구분`,
  vi: `Nhóm ${letter}`,
});

const working = (n: string): Names => ({
  en: `Working-level income ${n}`,
  'zh-Hans': `与在职者同等收入${n}`,
  ko: `현역 수준 소득 ${n}`,
  vi: `Thu nhập tương đương người đang làm việc ${n}`,
});

const general = (n: string): Names => ({
  en: n ? `General ${n}` : 'General',
  'zh-Hans': `一般${n}`,
  ko: n ? `일반 ${n}` : '일반',
  vi: n ? `Thông thường ${n}` : 'Thông thường',
});

const low = (n: string, note?: 'pension' | 'borderline'): Names => {
  const notes = {
    pension: {
      en: ' (old-age welfare pension)',
      'zh-Hans': '（老龄福利年金）',
      ko: '(노령복지연금)',
      vi: ' (lương hưu phúc lợi tuổi già)',
    },
    borderline: { en: ' (borderline)', 'zh-Hans': '（临界层）', ko: '(경계층)', vi: ' (nhóm ranh giới)' },
  } as const;
  const extra = (lang: keyof Names): string => (note ? notes[note][lang] : '');
  return {
    en: `Low income ${n}${extra('en')}`,
    'zh-Hans': `低收入${n}${extra('zh-Hans')}`,
    ko: `저소득 ${n}${extra('ko')}`,
    vi: `Thu nhập thấp ${n}${extra('vi')}`,
  };
};

/** Keyed by the Japanese label the core sends (electron/core/gateway/xml/codes.ts, §6). */
const limitClassNames: Readonly<Record<string, Names>> = {
  区分ア: bracket('A'),
  区分イ: bracket('B'),
  区分ウ: bracket('C'),
  区分エ: bracket('D'),
  区分オ: bracket('E'),
  '区分オ（境）': {
    en: 'Category E (borderline)',
    'zh-Hans': 'E类（临界层）',
    ko: 'E 구분(경계층)',
    vi: 'Nhóm E (nhóm ranh giới)',
  },
  現役並みⅢ: working('III'),
  現役並みⅡ: working('II'),
  現役並みⅠ: working('I'),
  一般: general(''),
  一般Ⅱ: general('II'),
  一般Ⅰ: general('I'),
  低所得Ⅱ: low('II'),
  低所得Ⅰ: low('I'),
  '低所得Ⅰ（老福）': low('I', 'pension'),
  '低所得Ⅰ（境）': low('I', 'borderline'),
};

/**
 * The label in `language`, and the language it is written in. A label this table does not know (a code
 * added after it, §6 pending change) stays Japanese, marked as such, rather than be guessed.
 */
export function limitClassName(label: string, language: Language): { text: string; lang: Language } {
  if (language === 'ja') return { text: label, lang: 'ja' };
  const names = limitClassNames[label];
  return names ? { text: names[language], lang: language } : { text: label, lang: 'ja' };
}

/** Every Japanese label translated here. */
export const translatedLimitLabels: readonly string[] = Object.keys(limitClassNames);
