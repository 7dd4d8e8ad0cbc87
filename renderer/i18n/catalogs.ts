// Every supported language's catalog, keyed by the contract's language codes.
import type { Language } from '../../electron/common/contract';
import { en } from './en';
import { ja, type Catalog, type MessageKey } from './ja';
import { ko } from './ko';
import { vi } from './vi';
import { zhHans } from './zh-Hans';

export const catalogs: Record<Language, Catalog> = { ja, en, 'zh-Hans': zhHans, ko, vi };

/** Each language's own name, shown on its selector button. */
export const languageNames: Record<Language, string> = {
  ja: '日本語',
  en: 'English',
  'zh-Hans': '简体中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
};

/** BCP 47 tags for <html lang> and speech synthesis voices. */
export const languageTags: Record<Language, string> = {
  ja: 'ja-JP',
  en: 'en-US',
  'zh-Hans': 'zh-CN',
  ko: 'ko-KR',
  vi: 'vi-VN',
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params) => {
    const text = catalog[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}
