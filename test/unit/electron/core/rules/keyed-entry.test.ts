// Tests of the whole keyed-entry rule, including property tests over arbitrary and valid input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyedEntryInput } from '../../../../../electron/core/rules/keyed-entry';
import { validateKeyedEntry } from '../../../../../electron/core/rules/keyed-entry';
import { normalizeKeyedText } from '../../../../../electron/core/rules/normalize';
import { onJstDay } from './support-clock';

const today = onJstDay('2026-11-27');

const valid: KeyedEntryInput = {
  documentKind: 'eligibility-certificate',
  insurerNumber: '06110829',
  symbol: '１２３',
  number: '４５６７－８',
  branch: '01',
  birthDate: '平成2年3月15日',
  issuedOn: 'R7.12.2',
  validUntil: '2027-07-31',
};

describe('validateKeyedEntry', () => {
  it('returns the normalised entry ready for the request', () => {
    expect(validateKeyedEntry(valid, today)).toEqual({
      ok: true,
      value: {
        documentKind: 'eligibility-certificate',
        acceptance: {
          kind: 'eligibility-certificate',
          basis: 'eligibility-certificate',
          until: '2027-07-31',
        },
        insurerNumber: '06110829',
        insurerKind: {
          kind: 'society',
          houbetsu: '06',
          name: { ja: '組合管掌健康保険', en: 'Health insurance society' },
        },
        symbol: '123',
        number: '4567-8',
        branch: '01',
        birthdate: '19900315',
        issuedOn: '20251202',
        validUntil: '20270731',
      },
    });
  });

  it('accepts an entry without the optional fields (後期高齢者: no 記号, no 枝番, no 交付年月日)', () => {
    const result = validateKeyedEntry(
      {
        documentKind: 'eligibility-certificate',
        insurerNumber: '39131000',
        number: '12345678',
        birthDate: 'S15.1.1',
        validUntil: 'R9.7.31',
      },
      today,
    );
    // 3913100: 0×2=0, 0, 1×2=2, 3, 1×2=2, 9, 3×2=6 → 22 → 8, so …00 is wrong and …08 right.
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'rules.insurer-number.check-digit' }] });
    const fixed = validateKeyedEntry(
      {
        documentKind: 'eligibility-certificate',
        insurerNumber: '39131008',
        number: '12345678',
        birthDate: 'S15.1.1',
        validUntil: 'R9.7.31',
      },
      today,
    );
    expect(fixed).toMatchObject({
      ok: true,
      value: { insurerKind: { kind: 'late-elderly' }, birthdate: '19400101', validUntil: '20270731' },
    });
    if (fixed.ok) {
      expect(fixed.value).not.toHaveProperty('symbol');
      expect(fixed.value).not.toHaveProperty('branch');
      expect(fixed.value).not.toHaveProperty('issuedOn');
    }
  });

  it('requires the 有効期限 of a 資格確認書, which every one prints (§4.1), with its own code', () => {
    for (const validUntil of [undefined, '', '　']) {
      expect(validateKeyedEntry({ ...valid, validUntil }, today)).toEqual({
        ok: false,
        errors: [
          {
            code: 'rules.keyed.expiry-required',
            field: 'validUntil',
            message: {
              ja: '資格確認書の有効期限をご入力ください。',
              en: 'Please enter the expiry date printed on the eligibility certificate.',
            },
          },
        ],
      });
    }
    // A malformed date is reported as such, once, not also as missing.
    expect(validateKeyedEntry({ ...valid, validUntil: '2027-02-30' }, today)).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.date.impossible', field: 'validUntil' }],
    });
    // Other documents often print no expiry (§4.1): still optional there.
    const notice = { ...valid, documentKind: 'eligibility-notice', staffSawMyNumberCard: true };
    expect(validateKeyedEntry({ ...notice, validUntil: '' }, today).ok).toBe(true);
  });

  it('takes the insurer kind into the 暫定措置: an expired 国保 card from 2025-08-01, others from 2025-12-02', () => {
    const card = { ...valid, documentKind: 'health-insurance-card', issuedOn: '', validUntil: '2025-07-31' };
    // 138057: a 市町村国保 number of §4.2; 06110829: a 組合 (法別 06) number of §4.2.
    expect(validateKeyedEntry({ ...card, insurerNumber: '138057' }, onJstDay('2025-08-01'))).toMatchObject({
      ok: true,
      value: { acceptance: { basis: 'provisional-measure', until: '2026-03-31' } },
    });
    expect(validateKeyedEntry({ ...card, insurerNumber: '06110829' }, onJstDay('2025-08-01'))).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.expired', field: 'validUntil' }],
    });
    expect(validateKeyedEntry({ ...card, insurerNumber: '06110829' }, onJstDay('2025-12-02'))).toMatchObject({
      ok: true,
      value: { acceptance: { basis: 'provisional-measure' } },
    });
  });

  it('reports every wrong field at once, each naming its field', () => {
    const result = validateKeyedEntry(
      {
        documentKind: 'eligibility-certificate',
        insurerNumber: '06110828',
        symbol: 'あ',
        number: '',
        branch: '1',
        birthDate: '平成31年5月1日',
        issuedOn: '2027-01-01',
        validUntil: '2026-11-26',
      },
      today,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.field, e.code])).toEqual([
        ['insurerNumber', 'rules.insurer-number.check-digit'],
        ['symbol', 'rules.symbol.invalid-character'],
        ['number', 'rules.number.required'],
        ['branch', 'rules.branch.format'],
        ['birthDate', 'rules.date.era-range'],
        ['issuedOn', 'rules.keyed.issued-in-future'],
        ['validUntil', 'rules.keyed.expiry-before-issue'],
        ['validUntil', 'rules.document.expired'],
      ]);
      for (const e of result.errors) {
        expect(e.message.ja.length).toBeGreaterThan(0);
        expect(e.message.en.length).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['2026-11-27', true],
    ['2026-11-28', false],
    ['R8.11.28', false],
    ['2026-02-30', false],
    ['1867-12-31', false],
    ['', false],
  ])('birth date %j accepted: %s', (birthDate, accepted) => {
    const result = validateKeyedEntry({ ...valid, birthDate }, today);
    expect(result.ok).toBe(accepted);
    if (!result.ok) expect(result.errors.every((e) => e.field === 'birthDate')).toBe(true);
  });

  it('refuses a future birth date with its own code', () => {
    expect(validateKeyedEntry({ ...valid, birthDate: '2026-11-28' }, today)).toMatchObject({
      errors: [
        {
          code: 'rules.date.future',
          field: 'birthDate',
          message: { ja: '生年月日に未来の日付が入力されています。ご確認ください。' },
        },
      ],
    });
  });

  it('refuses an expired 資格確認書 and a 交付年月日 in the future', () => {
    expect(validateKeyedEntry({ ...valid, validUntil: '2026-11-26', issuedOn: '' }, today)).toMatchObject({
      errors: [{ code: 'rules.document.expired', field: 'validUntil' }],
    });
    expect(validateKeyedEntry({ ...valid, validUntil: '2026-11-27' }, today).ok).toBe(true);
    expect(validateKeyedEntry({ ...valid, issuedOn: '2026-11-28' }, today)).toMatchObject({
      errors: [{ code: 'rules.keyed.issued-in-future', field: 'issuedOn' }],
    });
  });

  it('applies the document rules: お知らせ needs the card, 健康保険証 is over', () => {
    const notice = { ...valid, documentKind: 'eligibility-notice', validUntil: '', issuedOn: '' };
    expect(validateKeyedEntry(notice, today)).toMatchObject({
      errors: [{ code: 'rules.document.notice-needs-card', field: 'staffSawMyNumberCard' }],
    });
    expect(validateKeyedEntry({ ...notice, staffSawMyNumberCard: true }, today)).toMatchObject({
      ok: true,
      value: { acceptance: { basis: 'notice-with-card' } },
    });
    expect(validateKeyedEntry({ ...notice, documentKind: 'health-insurance-card' }, today)).toMatchObject({
      errors: [{ code: 'rules.document.health-card-ended' }],
    });
    expect(
      validateKeyedEntry(
        { ...notice, documentKind: 'health-insurance-card', validUntil: '2025-07-31' },
        onJstDay('2026-01-10'),
      ),
    ).toMatchObject({
      ok: true,
      value: { acceptance: { basis: 'provisional-measure', until: '2026-03-31' } },
    });
  });

  it('refuses input that is not an object or has values that are not text', () => {
    for (const input of [null, undefined, 42, 'text', []]) {
      const result = validateKeyedEntry(input as unknown as KeyedEntryInput, today);
      expect(result.ok).toBe(false);
    }
    const weird = {
      documentKind: 1,
      insurerNumber: 33120015,
      number: { a: 1 },
      birthDate: new Date(),
      branch: [],
    };
    const result = validateKeyedEntry(weird as unknown as KeyedEntryInput, today);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(new Set(result.errors.map((e) => e.field))).toEqual(
        new Set(['insurerNumber', 'number', 'branch', 'birthDate', 'documentKind']),
      );
    }
  });
});

describe('properties', () => {
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.string({ unit: 'grapheme', maxLength: 32 }),
    fc.string({
      unit: fc.constantFrom(
        '\u0000',
        '\u0007',
        '\u001b',
        '\u007f',
        '\u202e',
        '\uFFFF',
        '\uD800',
        '\u3000',
        '０',
        'ｱ',
        'ﾞ',
        '-',
        '・',
      ),
      maxLength: 64,
    }),
    fc
      .tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 1_000, max: 200_000 }))
      .map(([s, n]) => (s || 'x').repeat(n).slice(0, 300_000)),
    fc.constantFrom(undefined, ''),
  );
  const anyInput = fc.record({
    documentKind: fc.oneof(
      fc.constantFrom('eligibility-certificate', 'eligibility-notice', 'health-insurance-card'),
      nasty,
    ),
    insurerNumber: nasty,
    symbol: nasty,
    number: nasty,
    branch: nasty,
    birthDate: nasty,
    issuedOn: nasty,
    validUntil: nasty,
    staffSawMyNumberCard: fc.boolean(),
  });

  it('never throws on any string in any field, and every error is complete', () => {
    fc.assert(
      fc.property(
        anyInput,
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (input, now) => {
          const result = validateKeyedEntry(input as KeyedEntryInput, () => new Date(now));
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) {
              expect(e.code).toMatch(/^rules\.[a-z-]+\.[a-z-]+$/);
              expect(e.message.ja).not.toBe('');
              expect(e.message.en).not.toBe('');
            }
          }
        },
      ),
      { numRuns: 300, seed: 20251202 },
    );
  });

  const digit = fc.constantFrom(...'0123456789');
  const wide = (s: string) =>
    s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const withNoise = (core: fc.Arbitrary<string>) =>
    fc
      .tuple(core, fc.boolean(), fc.constantFrom('', ' ', '\u3000', '  '))
      .map(([s, full, pad]) => pad + (full ? wide(s) : s) + pad);
  const symbolCore = fc
    .string({
      unit: fc.constantFrom(...'0123456789ABCXYZabc', 'ア', 'ン', '國', '府', '・', '-'),
      minLength: 1,
      maxLength: 20,
    })
    .filter((s) => /[^-・]/.test(s));
  const numberCore = fc
    .string({ unit: fc.constantFrom(...'0123456789ABZ', '・', '-'), minLength: 1, maxLength: 20 })
    .filter((s) => /[^-・]/.test(s));

  it('normalises valid entries idempotently: the normalised entry validates to itself', () => {
    fc.assert(
      fc.property(
        withNoise(symbolCore),
        withNoise(numberCore),
        withNoise(fc.string({ unit: digit, minLength: 2, maxLength: 2 })),
        fc.constantFrom('33120015', '138057', '01130012', '01320027', '06110829'),
        fc.constantFrom('平成2年3月15日', 'S40.1.1', '4020315', '1990-03-15', '令和元年5月1日'),
        (symbol, number, branch, insurerNumber, birthDate) => {
          const first = validateKeyedEntry(
            {
              documentKind: 'eligibility-certificate',
              insurerNumber: wide(insurerNumber),
              symbol,
              number,
              branch,
              birthDate,
              validUntil: 'R9.7.31',
            },
            today,
          );
          expect(first.ok).toBe(true);
          if (!first.ok) return;
          expect(normalizeKeyedText(first.value.symbol ?? '')).toBe(first.value.symbol);
          expect(normalizeKeyedText(first.value.number)).toBe(first.value.number);
          const again = validateKeyedEntry(
            {
              documentKind: first.value.documentKind,
              insurerNumber: first.value.insurerNumber,
              symbol: first.value.symbol ?? '',
              number: first.value.number,
              branch: first.value.branch ?? '',
              birthDate: first.value.birthdate,
              validUntil: first.value.validUntil,
            },
            today,
          );
          expect(again).toEqual(first);
        },
      ),
      { numRuns: 300, seed: 20251202 },
    );
  });
});
