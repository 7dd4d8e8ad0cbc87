// CSV export: Excel-ready UTF-8 (BOM) and Shift_JIS, Japanese headers, quoting and the formula-injection guard.
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkinOutcomes,
  checkinRoutes,
  consentItemLabels,
  consentItems,
  outcomeLabels,
  routeLabels,
} from '../../../../../electron/common/vocabulary';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import { csvCell, textSql, toShiftJis } from '../../../../../electron/core/log/csv-export';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let log: ConfirmationLogFile;

beforeEach(() => {
  tmp = tempDir();
  log = createConfirmationLog({
    path: tmp.file(),
    clock: fixedClock('2026-11-27T01:01:00Z'),
  });
  log.record(sampleRecord({ startedAt: '2026-11-26T14:59:59Z' })); // 2026-11-26 23:59:59 JST
  log.record(sampleRecord({ name: '髙橋 ①', nameKana: 'タカハシ', staffId: '=HYPERLINK("x")' }));
  log.record(
    sampleRecord({ name: '𠮷野 家', outcome: 'error', errorCode: 'gateway.timeout', symbol: '+81,"A"' }),
  );
  log.record(sampleRecord({ startedAt: '2026-11-27T15:00:00Z', name: '翌日 分' })); // 2026-11-28 00:00 JST
});
afterEach(() => {
  log.close();
  tmp.remove();
});

/** Minimal RFC 4180 reader for checking what Excel will see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('exportCsv', () => {
  it('UTF-8: BOM, CRLF, Japanese headers, one line per row of the local days asked for', () => {
    const bytes = log.exportCsv({ from: '2026-11-27', to: '2026-11-27', encoding: 'utf8' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3);
    const [header, first, second] = rows as [string[], string[], string[]];
    expect(header.slice(0, 9)).toEqual([
      '記録ID',
      '受付番号',
      '開始日時',
      '終了日時',
      '記録日時',
      '端末',
      'リーダー',
      '確認方法',
      '結果',
    ]);
    const at = (row: string[], name: string): string | undefined => row[header.indexOf(name)];
    expect(at(first, '記録ID')).toBe('2');
    expect(at(first, '開始日時')).toBe('2026-11-27 10:00:00');
    expect(at(first, '氏名')).toBe('髙橋 ①');
    expect(at(first, '確認方法')).toBe('マイナ保険証（暗証番号）');
    expect(at(first, '結果')).toBe('確認済み');
    expect(at(first, '負担割合')).toBe('3割');
    expect(at(first, '限度額区分')).toBe('区分ウ');
    expect(at(first, '限度額情報提供')).toBe('同意');
    expect(at(first, '薬剤情報')).toBe('同意');
    expect(at(first, '特定健診情報')).toBe('不同意');
    expect(at(first, '診療情報')).toBe('');
    expect(at(first, '職員ID')).toBe(`'=HYPERLINK("x")`);
    expect(at(second, '記号')).toBe(`'+81,"A"`);
    expect(at(second, '結果')).toBe('エラー');
    expect(at(second, 'ハッシュ')).toBe(log.get(3)?.hash);
    expect(header.join()).not.toMatch(/PIN|暗証番号$|署名|個人番号/);
  });

  it('routes, outcomes and consent headers read as the vocabulary’s labels (時間切れ, not タイムアウト)', () => {
    // One row per route and per outcome, on a day of their own (2026-12-01 JST).
    const day = '2026-12-01';
    const rows = [
      ...checkinRoutes.map((route) => ({ route, outcome: 'confirmed' as const })),
      ...checkinOutcomes.map((outcome) => ({ route: 'keyed' as const, outcome })),
    ];
    for (const row of rows) {
      log.record(
        sampleRecord({ ...row, startedAt: `${day}T01:00:00.000Z`, endedAt: `${day}T01:00:42.000Z` }),
      );
    }
    const [header = [], ...lines] = parseCsv(
      log.exportCsv({ from: day, to: day }).subarray(3).toString('utf8'),
    );
    const column = (name: string): Array<string | undefined> =>
      lines.map((line) => line[header.indexOf(name)]);
    expect(column('確認方法')).toEqual(rows.map((row) => routeLabels[row.route]));
    expect(column('結果')).toEqual(rows.map((row) => outcomeLabels[row.outcome]));
    expect(column('結果')).toContain('時間切れ');
    // The consent columns keep their order: each item's choice, then its time.
    const consentHeaders = consentItems.flatMap((item) => [
      consentItemLabels[item],
      `${consentItemLabels[item]} 日時`,
    ]);
    const first = header.indexOf(consentHeaders[0] ?? '');
    expect(header.slice(first, first + consentHeaders.length)).toEqual(consentHeaders);
    expect(consentHeaders).toEqual([
      '薬剤情報',
      '薬剤情報 日時',
      '特定健診情報',
      '特定健診情報 日時',
      '診療情報',
      '診療情報 日時',
      '手術情報',
      '手術情報 日時',
    ]);
  });

  it('Shift_JIS (Windows-31J): no BOM, decodes to the same table, unrepresentable characters become 〓', () => {
    const bytes = log.exportCsv({ from: '2026-11-26', to: '2026-11-28', encoding: 'sjis' });
    expect(bytes[0]).not.toBe(0xef);
    const rows = parseCsv(iconv.decode(bytes, 'cp932'));
    expect(rows).toHaveLength(5);
    const header = rows[0] ?? [];
    const names = rows.slice(1).map((r) => r[header.indexOf('氏名')]);
    expect(names).toEqual(['山田 太郎', '髙橋 ①', '〓野 家', '翌日 分']);
    const utf8 = parseCsv(
      log.exportCsv({ from: '2026-11-26', to: '2026-11-28' }).subarray(3).toString('utf8'),
    );
    expect(utf8[3]?.[header.indexOf('氏名')]).toBe('𠮷野 家');
  });

  it('Shift_JIS by table: the bytes iconv-lite writes for each character that survives, 〓 for the rest', () => {
    const chars: string[] = ['a', '\\', '~', '¥', '‾', '𠮷', '髙', '①', 'ｱ', '〓'];
    for (const [from, to] of [
      [0x3000, 0x30ff],
      [0x4e00, 0x4fff],
      [0xff00, 0xffef],
    ] as const) {
      for (let c = from; c <= to; c += 1) chars.push(String.fromCharCode(c));
    }
    const geta = iconv.encode('〓', 'cp932');
    const expected = Buffer.concat(
      chars.map((ch) => {
        const bytes = iconv.encode(ch, 'cp932');
        return iconv.decode(bytes, 'cp932') === ch ? bytes : geta;
      }),
    );
    expect(toShiftJis(chars.join('')).equals(expected)).toBe(true);
  });

  it('refuses a malformed or reversed range', () => {
    expect(() => log.exportCsv({ from: '2026-11-28', to: '2026-11-27' })).toThrow(LogError);
    expect(() => log.exportCsv({ from: '2026/11/27', to: '2026-11-27' })).toThrow(LogError);
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+81', "'+81"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['普通', '普通'],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('the SQL the export builds its lines with writes every text cell exactly as csvCell does', () => {
    const cell = log.db.prepare(`SELECT ${textSql('v')} FROM (SELECT ? AS v)`).pluck();
    const inputs = [
      '=1+2',
      '+81',
      '-5',
      '@SUM(A1)',
      '\tx',
      '\rx',
      'a,b',
      'say "hi"',
      '"q"',
      'two\nlines',
      'cr\rin',
      '=a,"b"',
      '普通',
      '',
      ' -x',
      'ｰ',
    ];
    for (const input of inputs) expect(cell.get(input), JSON.stringify(input)).toBe(csvCell(input));
    expect(cell.get(null)).toBe(csvCell(null));
  });

  it('leaves numbers and empty cells alone', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});
