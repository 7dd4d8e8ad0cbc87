// Every patient-facing message exists, non-empty, in every language, with the same placeholders as Japanese.
import { describe, expect, it } from 'vitest';
import {
  ConsentItem,
  ErrorReason,
  ResultNotice,
  Screen,
  languages,
} from '../../../../electron/common/contract';
import { catalogs, languageNames, languageTags, translator } from '../../../../renderer/i18n/catalogs';
import { ja, type MessageKey } from '../../../../renderer/i18n/ja';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
const jaKeys = Object.keys(ja).sort();

describe('message catalogs', () => {
  it.each(languages)('%s has exactly the Japanese keys, each non-empty', (language) => {
    const catalog = catalogs[language];
    expect(Object.keys(catalog).sort()).toEqual(jaKeys);
    for (const key of jaKeys) {
      const text = catalog[key as MessageKey];
      expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it.each(languages)('%s uses the same {placeholders} as Japanese in every message', (language) => {
    const catalog = catalogs[language];
    for (const key of jaKeys) {
      expect(placeholders(catalog[key as MessageKey]), `${language} ${key}`).toEqual(
        placeholders(ja[key as MessageKey]),
      );
    }
  });

  it('non-Japanese catalogs are translated, not copies of the Japanese text', () => {
    // Words written the same in both languages.
    const sameWord: Partial<Record<string, string[]>> = { 'zh-Hans': ['steps.consent'] };
    for (const language of languages.filter((l) => l !== 'ja')) {
      const same = jaKeys.filter((key) => catalogs[language][key as MessageKey] === ja[key as MessageKey]);
      expect(same, language).toEqual(sameWord[language] ?? []);
    }
  });

  it('has a name and a BCP 47 tag for every language', () => {
    for (const language of languages) {
      expect(languageNames[language]).toBeTruthy();
      expect(languageTags[language]).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    }
  });

  it('has a message and a next step for every error reason and result notice of the contract', () => {
    for (const reason of ErrorReason.options) {
      expect(jaKeys).toContain(`error.${reason}`);
      expect(jaKeys).toContain(`error.${reason}.next`);
    }
    for (const notice of ResultNotice.options) {
      expect(jaKeys).toContain(`notice.${notice}`);
      expect(jaKeys).toContain(`notice.${notice}.next`);
    }
    for (const item of ConsentItem.options) {
      expect(jaKeys).toContain(`consent.item.${item}`);
      expect(jaKeys).toContain(`consent.item.${item}.description`);
    }
  });

  it('has a heading and an instruction for every choose-auth reason and result outcome', () => {
    const chooseAuth = Screen.options.find((o) => o.shape.name.value === 'choose-auth');
    const result = Screen.options.find((o) => o.shape.name.value === 'result');
    expect(chooseAuth && result).toBeTruthy();
    for (const reason of ['last-try', 'pin-locked', 'no-pin']) {
      expect(jaKeys).toContain(`chooseAuth.${reason}.heading`);
      expect(jaKeys).toContain(`chooseAuth.${reason}.instruction`);
    }
    for (const outcome of ['confirmed', 'needs-attention', 'not-insured']) {
      expect(jaKeys).toContain(`result.${outcome}.heading`);
      expect(jaKeys).toContain(`result.${outcome}.instruction`);
    }
  });

  it('uses the wording of a clinic reception device in Japanese', () => {
    expect(ja['idle.heading']).toBe('カードを置いてください');
    expect(ja['pin.heading']).toBe('暗証番号を入力してください');
    expect(ja['chooseAuth.pinHint']).toBe('4桁の数字です');
    expect(ja['chooseAuth.last-try.instruction']).toBe(
      'あと1回間違えると暗証番号がロックされます。受付にお声がけください。',
    );
    expect(ja['takeCard.heading']).toBe('カードをお取りください');
    expect(ja['consent.all']).toBe('まとめて同意する');
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('ja')('pin.triesLeft', { count: 2 })).toBe('あと2回入力できます。');
    expect(translator('en')('pin.entered', { count: 3, total: 4 })).toBe('3 of 4 digits entered');
    expect(translator('ja')('pin.triesLeft')).toBe('あと{count}回入力できます。');
    expect(translator('en')('pin.entered', { count: 1 })).toBe('1 of {total} digits entered');
  });
});
