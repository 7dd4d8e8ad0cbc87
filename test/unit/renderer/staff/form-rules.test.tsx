// Staff form limits come from the contract, and every refusal reads as plain Japanese beside its field.
import { describe, expect, it } from 'vitest';
import type { StaffSettings } from '../../../../electron/common/contract';
import {
  cardTimeLimits,
  gatewayTimeoutLimits,
  keyedMaxLength,
  refusalOf,
  settingsFieldOf,
  settingsProblems,
  settingsText,
  timeoutLimits,
} from '../../../../renderer/staff/form-rules';
import { staffErrorText } from '../../../../renderer/staff/staff-labels';

const valid: StaffSettings = {
  terminalName: '受付1',
  medicalInstitutionCode: '',
  consentItems: ['medication'],
  limitConsentScreen: false,
  resultShowsCopayAndLimit: false,
  languages: ['ja', 'en'],
  defaultLanguage: 'ja',
  timeouts: {
    reading: 30,
    pin: 60,
    chooseAuth: 60,
    visualWait: 300,
    registration: 60,
    consent: 60,
    result: 20,
    takeCard: 30,
    error: 30,
  },
  card: { resume: 30, afterLift: 15 },
  gateway: { adapter: 'simulator', requestFolder: '', resultFolder: '', faceFolder: '', timeoutSeconds: 30 },
  readerNameFilter: '',
};

/** Any text written for a developer: Latin words such as zod's "Too small: expected …". */
const LATIN_WORD = /[A-Za-z]{3,}/;

describe('limits read from the contract', () => {
  it('keyed fields stop at the contract’s lengths (KeyedEntry: 保険者番号 32, 枝番 8, dates 32)', () => {
    expect(keyedMaxLength.insurerNumber).toBe(32);
    expect(keyedMaxLength.symbol).toBe(64);
    expect(keyedMaxLength.number).toBe(64);
    expect(keyedMaxLength.branch).toBe(8);
    expect(keyedMaxLength.birthDate).toBe(32);
    expect(keyedMaxLength.issuedOn).toBe(32);
    expect(keyedMaxLength.validUntil).toBe(32);
  });

  it('settings take the contract’s bounds (StaffSettings, TimeoutSettings)', () => {
    expect(settingsText.terminalName).toEqual({ minLength: 1, maxLength: 64 });
    expect(settingsText.requestFolder).toEqual({ maxLength: 260 });
    expect(timeoutLimits.reading).toEqual({ min: 5, max: 600 });
    expect(timeoutLimits.pin).toEqual({ min: 10, max: 600 });
    expect(timeoutLimits.visualWait).toEqual({ min: 30, max: 1800 });
    expect(gatewayTimeoutLimits).toEqual({ min: 5, max: 300 });
    // The card times as README.md's configuration table bounds them (`card.resume`, `card.afterLift`).
    expect(cardTimeLimits.resume).toEqual({ min: 10, max: 300 });
    expect(cardTimeLimits.afterLift).toEqual({ min: 5, max: 120 });
  });
});

describe('settingsProblems', () => {
  it('finds nothing in settings the contract accepts', () => {
    expect(settingsProblems(valid).size).toBe(0);
  });

  it('names each bad field by its input, in plain Japanese', () => {
    const problems = settingsProblems({
      ...valid,
      terminalName: '',
      timeouts: { ...valid.timeouts, pin: 3 },
      card: { resume: 301, afterLift: 15 },
      gateway: { ...valid.gateway, timeoutSeconds: Number.NaN },
    });
    expect(Object.fromEntries(problems)).toEqual({
      terminalName: '入力してください。',
      'timeout-pin': '10から600までの整数（秒）で入力してください。',
      'card-resume': '10から300までの整数（秒）で入力してください。',
      gatewayTimeout: '5から300までの整数（秒）で入力してください。',
    });
  });

  it('says how long a text may be, and never shows the validator’s words', () => {
    const problems = settingsProblems({
      ...valid,
      terminalName: 'あ'.repeat(65),
      timeouts: { ...valid.timeouts, result: 7.5 },
    });
    expect(problems.get('terminalName')).toBe('64文字以内で入力してください。');
    expect(problems.get('timeout-result')).toBe('5から600までの整数（秒）で入力してください。');
    for (const text of problems.values()) expect(text).not.toMatch(LATIN_WORD);
  });

  it('maps contract paths to the inputs on the page', () => {
    expect(settingsFieldOf(['timeouts', 'consent'])).toBe('timeout-consent');
    expect(settingsFieldOf(['card', 'afterLift'])).toBe('card-afterLift');
    expect(settingsFieldOf(['gateway', 'timeoutSeconds'])).toBe('gatewayTimeout');
    expect(settingsFieldOf(['gateway', 'faceFolder'])).toBe('faceFolder');
    expect(settingsFieldOf(['languages'])).toBe('languages');
  });
});

describe('refusals from the core', () => {
  it('a 医療機関コード refusal stands beside that field, in the core’s Japanese', () => {
    expect(
      refusalOf({ code: 'settings.invalid', message: '医療機関コードの検証番号が正しくありません' }),
    ).toEqual({ field: 'medicalInstitutionCode', text: '医療機関コードの検証番号が正しくありません。' });
  });

  it('a refusal in a developer’s words becomes a plain request', () => {
    const { text } = refusalOf({ code: 'settings.invalid', message: 'Invalid input: expected string' });
    expect(text).toBe('保存できませんでした。入力内容を確認してください。');
  });

  it('the contract’s own refusal (ipc.invalid-request) is never shown raw to staff', () => {
    const raw = '[{"code":"too_big","maximum":32,"path":["entry","insurerNumber"],"message":"Too big"}]';
    const text = staffErrorText('ipc.invalid-request', raw);
    expect(text).toBe('入力内容を受け付けられませんでした。各項目の桁数や形式をご確認ください。');
    expect(staffErrorText('internal', 'TypeError: x is undefined')).not.toMatch(LATIN_WORD);
    expect(staffErrorText('log.unavailable', 'SQLITE_BUSY')).not.toMatch(LATIN_WORD);
    // The core's refusals written for staff pass through as they are.
    expect(staffErrorText('keyed.invalid', '保険者番号の検証番号が正しくありません。')).toBe(
      '保険者番号の検証番号が正しくありません。',
    );
  });
});
