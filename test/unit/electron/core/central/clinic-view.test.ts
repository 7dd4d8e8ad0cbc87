// The clinic view's pure parts: search patterns, the 応答なし rule, the filter's parameters, the export's cells.
import { describe, expect, it } from 'vitest';
import { CENTRAL_COLUMNS, type LogColumn } from '../../../../../electron/core/central/central-columns';
import {
  CLINIC_CSV_HEADERS,
  clinicCsvCells,
  clinicCsvLine,
} from '../../../../../electron/core/central/clinic-csv';
import {
  CLINIC_EXPORT_MAX_DAYS,
  filterSql,
  likePattern,
  searchKeySql,
  terminalState,
  validateClinicRange,
} from '../../../../../electron/core/central/clinic-query';
import { CSV_HEADERS } from '../../../../../electron/core/log/csv-export';
import { manualClock } from '../../../../support/manual-clock';

describe('search text', () => {
  it('takes LIKE wildcards literally', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('folds a column as the log’s search folds text: every hiragana to its katakana, spaces and case', () => {
    const sql = searchKeySql('name_kana');
    // translate() maps U+3041 ぁ … U+3096 ゖ onto U+30A1 ァ … U+30F6 ヶ, letter for letter.
    const [, from, to] = /translate\(.*?, '([^']*)', '([^']*)'\)/u.exec(sql) ?? [];
    expect(from?.length).toBe(0x56);
    expect(from?.[0]).toBe('ぁ');
    expect(to?.[0]).toBe('ァ');
    expect(from?.at(-1)).toBe('ゖ');
    expect(to?.at(-1)).toBe('ヶ');
    expect(to?.[from?.indexOf('や') ?? -1]).toBe('ヤ');
    expect(sql).toContain('normalize(coalesce(name_kana');
    expect(sql).toMatch(/^lower\(/);
  });
});

describe('terminal state', () => {
  it('is 応答なし only past three of the terminal’s own heartbeat intervals', () => {
    expect(terminalState(180, 60)).toBe('ok');
    expect(terminalState(181, 60)).toBe('silent');
    expect(terminalState(31, 10)).toBe('silent');
    expect(terminalState(30, 10)).toBe('ok');
  });

  it('assumes the default minute for a heartbeat that does not say its interval, and never without one', () => {
    expect(terminalState(170, undefined)).toBe('ok');
    expect(terminalState(200, undefined)).toBe('silent');
    expect(terminalState(undefined, 60)).toBe('never');
  });
});

describe('filter', () => {
  it('is the clinic’s today and nothing else when empty', () => {
    expect(filterSql({}, '2026-12-01')).toEqual({
      where: 'day = $1',
      params: ['2026-12-01'],
      day: '2026-12-01',
    });
  });

  it('numbers each given condition’s parameter in order, the text folded as the log folds it', () => {
    const { where, params } = filterSql(
      { day: '2026-11-30', terminal: 't2', outcome: 'error', route: 'keyed', text: ' やまだ　ﾀﾛｳ ' },
      '2026-12-01',
    );
    expect(params).toEqual(['2026-11-30', 't2', 'error', 'keyed', '%ヤマダタロウ%']);
    expect(where).toContain('terminal_id = $2');
    expect(where).toContain('outcome = $3');
    expect(where).toContain('route = $4');
    expect(where.match(/LIKE \$5/g)).toHaveLength(4);
  });

  it('leaves out a text of spaces only', () => {
    expect(filterSql({ text: ' 　' }, '2026-12-01').params).toEqual(['2026-12-01']);
  });
});

describe('export range', () => {
  it('refuses days out of order, a bad date and more than the longest range', () => {
    expect(() => validateClinicRange('2026-12-02', '2026-12-01')).toThrow(/開始日/);
    expect(() => validateClinicRange('2026-12', '2026-12-01')).toThrow(/yyyy-MM-dd/);
    // 1 November to 2 December: 32 days, one more than the longest range.
    expect(() => validateClinicRange('2026-11-01', '2026-12-02')).toThrow(`${CLINIC_EXPORT_MAX_DAYS}日`);
    expect(() => validateClinicRange('2026-11-01', '2026-12-02')).toThrow(
      expect.objectContaining({ code: 'central.config' }),
    );
    expect(() => validateClinicRange('2026-11-01', '2026-12-01')).not.toThrow();
  });
});

describe('export cells', () => {
  const clock = manualClock('2026-12-01T00:00:00.000Z', '+09:00');
  const values = (over: Partial<Record<LogColumn, string | number | null>> = {}) =>
    ({
      ...Object.fromEntries(CENTRAL_COLUMNS.map((c) => [c.log, null])),
      id: 7,
      started_ms: Date.parse('2026-12-01T00:05:00.000Z'),
      recorded_at: '2026-12-01T00:05:42.000Z',
      ended_at: '2026-12-01T00:05:42.000Z',
      day: '2026-12-01',
      terminal: '受付1',
      route: 'card-pin',
      outcome: 'confirmed',
      total_ms: 42_000,
      hash: 'ab',
      ...over,
    }) as Record<LogColumn, string | number | null> & { hash: string };

  it('writes the terminal’s id and then every column of the log’s own CSV', () => {
    expect(CLINIC_CSV_HEADERS).toEqual(['端末ID', ...CSV_HEADERS]);
    expect(clinicCsvCells()).toHaveLength(CSV_HEADERS.length);
  });

  it('writes times on the clinic’s wall clock, labels in Japanese and copay as 割', () => {
    const cells = clinicCsvLine('t1', values({ copay_tenths: 3, medication_consent: 1 }), clock).split(',');
    const at = (header: string): string | undefined => cells[CLINIC_CSV_HEADERS.indexOf(header)];
    expect(at('端末ID')).toBe('t1');
    expect(at('記録ID')).toBe('7');
    // 00:05 UTC is 09:05 in Japan (UTC+9).
    expect(at('開始日時')).toBe('2026-12-01 09:05:00');
    expect(at('確認方法')).toBe('マイナ保険証（暗証番号）');
    expect(at('結果')).toBe('確認済み');
    expect(at('負担割合')).toBe('3割');
    expect(at('薬剤情報')).toBe('同意');
    expect(at('ハッシュ')).toBe('ab');
  });

  it('neutralises text a spreadsheet would run as a formula, and quotes commas', () => {
    const line = clinicCsvLine('t1', values({ name: '=HYPERLINK("x")', name_kana: '+1,2' }), clock);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line).toContain(`"'+1,2"`);
  });
});
