// Byte-level encoding of OQS XML files: detect UTF-8 or Shift_JIS on read, encode either on write (§2.2).
import iconv from 'iconv-lite';
import { GatewayError } from '../qualification-gateway';

export type XmlEncoding = 'utf8' | 'sjis';

/** OQSCD005 CharacterCodeIdentifier (§2.4). */
export const characterCodeIdentifier: Record<XmlEncoding, '0' | '1'> = { utf8: '0', sjis: '1' };

/** The label written in the XML declaration. */
export const declarationEncodingName: Record<XmlEncoding, string> = { utf8: 'UTF-8', sjis: 'Shift_JIS' };

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const SJIS = 'Shift_JIS';

function malformed(message: string): GatewayError {
  return new GatewayError('gateway.malformed-response', message);
}

function encodingFromName(name: string): XmlEncoding | undefined {
  if (/^utf-?8$/i.test(name)) return 'utf8';
  if (/^(shift[_-]?jis|sjis|x-sjis|cp932|windows-31j|ms932|ms_kanji|csshiftjis)$/i.test(name)) return 'sjis';
  return undefined;
}

/** The declaration's `encoding="…"`, checked against what we can read. */
function declaredEncoding(head: string): XmlEncoding | undefined {
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head);
  if (!match) return undefined;
  const name = match[1] ?? '';
  const encoding = encodingFromName(name);
  if (!encoding)
    throw malformed(
      `XML宣言の文字コード「${name.slice(0, 40)}」には対応していません（UTF-8 / Shift_JIS のみ）。`,
    );
  return encoding;
}

/** The value of CharacterCodeIdentifier, found in the raw bytes (ASCII in both encodings). */
function identifiedEncoding(bytes: Buffer): XmlEncoding | undefined {
  const at = bytes.indexOf('<CharacterCodeIdentifier>');
  if (at < 0) return undefined;
  const value = bytes
    .subarray(at + 25, at + 64)
    .toString('latin1')
    .trimStart()
    .charAt(0);
  if (value === '0') return 'utf8';
  if (value === '1') return 'sjis';
  return undefined;
}

/**
 * Decode a file: the declaration's encoding wins, then CharacterCodeIdentifier, then UTF-8 when
 * the bytes are valid UTF-8, else Shift_JIS. Bytes that are not valid UTF-8 fall through to the
 * next candidate rather than being read with replacement characters.
 */
export function decodeXml(input: Uint8Array): { text: string; encoding: XmlEncoding } {
  let bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    return { text: decodeUtf8(bytes), encoding: 'utf8' };
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw malformed('UTF-16 のファイルには対応していません（UTF-8 / Shift_JIS のみ）。');
  }
  const head = bytes.subarray(0, 256).toString('latin1');
  const candidates = [declaredEncoding(head), identifiedEncoding(bytes), 'utf8' as const, 'sjis' as const];
  for (const candidate of candidates) {
    if (candidate === 'sjis') return { text: iconv.decode(bytes, SJIS), encoding: 'sjis' };
    if (candidate === 'utf8') {
      try {
        return { text: utf8Decoder.decode(bytes), encoding: 'utf8' };
      } catch {
        // Not UTF-8 after all: try the next candidate.
      }
    }
  }
  throw malformed('文字コードを判別できません。');
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch (cause) {
    throw new GatewayError(
      'gateway.malformed-response',
      'UTF-8 として読めないバイト列が含まれています。',
      undefined,
      {
        cause,
      },
    );
  }
}

/** Characters Shift_JIS cannot hold are written as ●, as the eligibility system itself does (§2.4). */
export function encodeXml(text: string, encoding: XmlEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  return iconv.encode(toShiftJisRepertoire(text), SJIS);
}

export function toShiftJisRepertoire(text: string): string {
  // Fast path: ASCII and the common Japanese blocks round-trip; check everything else one by one.
  let out = '';
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) {
      out += char;
      continue;
    }
    const back = iconv.decode(iconv.encode(char, SJIS), SJIS);
    out += back === char ? char : '●';
  }
  return out;
}
