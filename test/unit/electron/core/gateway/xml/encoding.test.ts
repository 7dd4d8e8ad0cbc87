// Encoding detection (declaration, CharacterCodeIdentifier, fallback) and Shift_JIS writing.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../../../../electron/core/gateway/qualification-gateway';
import {
  decodeXml,
  encodeXml,
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

describe('encodeXml', () => {
  it('writes Shift_JIS (CP932 repertoire) and replaces what it cannot hold with ●', () => {
    expect(toShiftJisRepertoire('髙橋①Ⅱ𠮷')).toBe('髙橋①Ⅱ●');
    expect(iconv.decode(encodeXml('試験𠮷', 'sjis'), 'Shift_JIS')).toBe('試験●');
    expect(encodeXml('試験𠮷', 'utf8').toString('utf8')).toBe('試験𠮷');
  });
});
