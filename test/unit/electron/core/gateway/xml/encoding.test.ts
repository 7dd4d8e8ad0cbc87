// Encoding detection (BOM, declaration, CharacterCodeIdentifier conventions, the bytes themselves) and Shift_JIS writing.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../../../../electron/core/gateway/qualification-gateway';
import {
  CHARACTER_CODE_CONVENTIONS,
  characterCodeIdentifier,
  decodeXml,
  encodeXml,
  encodingsForIdentifier,
  toShiftJisRepertoire,
} from '../../../../../../electron/core/gateway/xml/encoding';

const body =
  '<XmlMsg><MessageHeader><CharacterCodeIdentifier>ID</CharacterCodeIdentifier></MessageHeader><Name>試験　髙橋</Name></XmlMsg>';
const withId = (id: string) => body.replace('ID', id);

describe('decodeXml', () => {
  it('follows the declaration', () => {
    expect(
      decodeXml(iconv.encode(`<?xml version="1.0" encoding="Shift_JIS"?>${withId('0')}`, 'Shift_JIS')),
    ).toMatchObject({
      encoding: 'sjis',
      text: expect.stringContaining('試験　髙橋'),
    });
    expect(
      decodeXml(Buffer.from(`<?xml version='1.0' encoding='utf-8' standalone='no'?>${withId('1')}`)).encoding,
    ).toBe('utf8');
    expect(
      decodeXml(iconv.encode(`<?xml version="1.0" encoding="windows-31j"?>${body}`, 'Shift_JIS')).encoding,
    ).toBe('sjis');
  });

  it('falls back to CharacterCodeIdentifier without an encoding in the declaration', () => {
    const sjis = decodeXml(iconv.encode(`<?xml version="1.0"?>${withId('1')}`, 'Shift_JIS'));
    expect([sjis.encoding, sjis.text.includes('試験　髙橋')]).toEqual(['sjis', true]);
    expect(decodeXml(Buffer.from(withId('0'))).encoding).toBe('utf8');
  });

  it('reads Shift_JIS bytes mislabelled as UTF-8 as Shift_JIS rather than with replacement characters', () => {
    const decoded = decodeXml(
      iconv.encode(`<?xml version="1.0" encoding="UTF-8"?>${withId('0')}`, 'Shift_JIS'),
    );
    expect(decoded.encoding).toBe('sjis');
    expect(decoded.text).toContain('試験　髙橋');
  });

  it('strips a UTF-8 BOM and refuses UTF-16 and unknown encodings with a clear error', () => {
    expect(
      decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])).text.startsWith(
        '<XmlMsg>',
      ),
    ).toBe(true);
    expect(() =>
      decodeXml(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(body, 'utf16le')])),
    ).toThrow(/UTF-16/);
    expect(() => decodeXml(Buffer.from(`<?xml version="1.0" encoding="ISO-2022-JP"?>${body}`))).toThrow(
      GatewayError,
    );
  });
});

describe('CharacterCodeIdentifier conventions', () => {
  const ascii = (id: string, declaration = '') =>
    Buffer.from(
      `${declaration}<XmlMsg><MessageHeader><CharacterCodeIdentifier>${id}</CharacterCodeIdentifier></MessageHeader></XmlMsg>`,
    );

  it('keeps the conventions in one table, the confirmed one first (0 UTF-8, 1 Shift_JIS: §2.2, §2.4)', () => {
    expect(CHARACTER_CODE_CONVENTIONS[0]).toMatchObject({
      values: { '0': 'utf8', '1': 'sjis' },
      confidence: 'confirmed',
    });
    for (const row of CHARACTER_CODE_CONVENTIONS) expect(row.confidence).toMatch(/confirmed|single source/);
    expect(characterCodeIdentifier).toEqual({ utf8: '0', sjis: '1' });
    expect([encodingsForIdentifier('0'), encodingsForIdentifier('1'), encodingsForIdentifier('2')]).toEqual([
      ['utf8'],
      ['sjis', 'utf8'],
      ['sjis'],
    ]);
    expect(encodingsForIdentifier('7')).toEqual([]);
  });

  it('names a plain-ASCII file by its identifier under any convention, else UTF-8', () => {
    expect(decodeXml(ascii('0'))).toMatchObject({ encoding: 'utf8', decidedBy: 'identifier' });
    expect(decodeXml(ascii('1'))).toMatchObject({ encoding: 'sjis', decidedBy: 'identifier' });
    expect(decodeXml(ascii('2'))).toMatchObject({ encoding: 'sjis', decidedBy: 'identifier' });
    expect(decodeXml(ascii('7'))).toMatchObject({ encoding: 'utf8', decidedBy: 'default' });
    expect(decodeXml(ascii('0', '<?xml version="1.0" encoding="Shift_JIS"?>'))).toMatchObject({
      encoding: 'sjis',
      decidedBy: 'declaration',
    });
  });

  it('lets the bytes choose when a value means different encodings under different conventions', () => {
    // "1" is Shift_JIS under OQSCD005 and UTF-8 under the one-based convention.
    const utf8 = decodeXml(Buffer.from(withId('1')));
    expect([utf8.encoding, utf8.decidedBy, utf8.text.includes('試験　髙橋')]).toEqual([
      'utf8',
      'identifier',
      true,
    ]);
    const sjis = decodeXml(iconv.encode(withId('1'), 'Shift_JIS'));
    expect([sjis.encoding, sjis.decidedBy, sjis.text.includes('試験　髙橋')]).toEqual([
      'sjis',
      'identifier',
      true,
    ]);
  });

  it('trusts the bytes when the identifier or the declaration contradicts them', () => {
    const sjisSaidUtf8 = decodeXml(iconv.encode(withId('0'), 'Shift_JIS'));
    expect([sjisSaidUtf8.encoding, sjisSaidUtf8.decidedBy]).toEqual(['sjis', 'bytes']);
    expect(sjisSaidUtf8.text).toContain('試験　髙橋');
    const utf8SaidSjis = decodeXml(Buffer.from(`<?xml version="1.0" encoding="Shift_JIS"?>${withId('2')}`));
    expect([utf8SaidSjis.encoding, utf8SaidSjis.decidedBy]).toEqual(['utf8', 'bytes']);
    expect(utf8SaidSjis.text).toContain('試験　髙橋');
  });

  it('decides by the bytes alone when nothing labels the file', () => {
    expect(decodeXml(Buffer.from(body.replace(/<MessageHeader>.*<\/MessageHeader>/, '')))).toMatchObject({
      encoding: 'utf8',
      decidedBy: 'bytes',
    });
    expect(decodeXml(iconv.encode('<XmlMsg><Name>試験</Name></XmlMsg>', 'Shift_JIS'))).toMatchObject({
      encoding: 'sjis',
      decidedBy: 'bytes',
      text: '<XmlMsg><Name>試験</Name></XmlMsg>',
    });
  });

  it('reads a UTF-8 BOM with or without a declaration, and refuses a BOM before bytes that are not UTF-8', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(decodeXml(Buffer.concat([bom, Buffer.from(withId('1'))]))).toMatchObject({
      encoding: 'utf8',
      decidedBy: 'bom',
    });
    let error: unknown;
    try {
      decodeXml(Buffer.concat([bom, iconv.encode(withId('1'), 'Shift_JIS')]));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('gateway.malformed-response');
    expect((error as GatewayError).message).toContain('BOM');
  });
});

describe('encodeXml', () => {
  it('writes Shift_JIS (CP932 repertoire) and replaces what it cannot hold with ●', () => {
    expect(toShiftJisRepertoire('髙橋①Ⅱ𠮷')).toBe('髙橋①Ⅱ●');
    expect(iconv.decode(encodeXml('試験𠮷', 'sjis'), 'Shift_JIS')).toBe('試験●');
    expect(encodeXml('試験𠮷', 'utf8').toString('utf8')).toBe('試験𠮷');
  });
});
