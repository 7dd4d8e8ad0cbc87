// Byte-level encoding of OQS XML files: decide UTF-8 or Shift_JIS from the file's own bytes on read, encode either on write (§2.2).
import iconv from 'iconv-lite';
import { GatewayError } from '../qualification-gateway';

export type XmlEncoding = 'utf8' | 'sjis';

/** How the reader decided a file's encoding, strongest first. */
export type EncodingEvidence = 'bom' | 'bytes' | 'declaration' | 'identifier' | 'default';

export interface DecodedXml {
  text: string;
  encoding: XmlEncoding;
  decidedBy: EncodingEvidence;
}

/**
 * The conventions of `CharacterCodeIdentifier` (OQSCD005, §2.2, §2.4): which value names which encoding.
 * The first row is the one we write. A value may mean different encodings under different rows; the
 * reader then lets the file's bytes choose among them (see decodeXml), so a row can never make a
 * file unreadable.
 */
export const CHARACTER_CODE_CONVENTIONS = [
  {
    name: 'OQSCD005',
    values: { '0': 'utf8', '1': 'sjis' },
    // hangilc/myclinic-ts packages/onshi-result/codes.ts; the ResWatcher field table ("0: UTF-8 1: SHIFT_JIS");
    // a face-file generator that writes Shift_JIS files with "1" (§8, unpublished-repository code samples).
    confidence: 'confirmed',
  },
  {
    name: 'one-based',
    values: { '1': 'utf8', '2': 'sjis' },
    // Reported as a possible second convention; no public code base or document shows it. Unconfirmed:
    // kept so that a terminal writing it is still read, with the bytes deciding whenever "1" is ambiguous.
    confidence: 'unconfirmed',
  },
] as const satisfies readonly {
  name: string;
  values: Readonly<Record<string, XmlEncoding>>;
  confidence: 'confirmed' | 'single source' | 'unconfirmed';
}[];

/** The value we write for each encoding: the confirmed convention's (the first row). */
export const characterCodeIdentifier: Record<XmlEncoding, '0' | '1'> = { utf8: '0', sjis: '1' };

/** The label written in the XML declaration. */
export const declarationEncodingName: Record<XmlEncoding, string> = { utf8: 'UTF-8', sjis: 'Shift_JIS' };

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const SJIS = 'Shift_JIS';
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function malformed(message: string, cause?: unknown): GatewayError {
  return new GatewayError('gateway.malformed-response', message, undefined, cause ? { cause } : undefined);
}

function encodingFromName(name: string): XmlEncoding | undefined {
  if (/^utf-?8$/i.test(name)) return 'utf8';
  if (/^(shift[_-]?jis|sjis|x-sjis|cp932|windows-31j|ms932|ms_kanji|csshiftjis)$/i.test(name)) return 'sjis';
  return undefined;
}

/** The declaration's `encoding="…"`; a name we cannot read at all is refused with the name. */
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
function identifierValue(bytes: Buffer): string | undefined {
  const tag = '<CharacterCodeIdentifier>';
  const at = bytes.indexOf(tag);
  if (at < 0) return undefined;
  const value = /^\s*(\d)/.exec(bytes.subarray(at + tag.length, at + tag.length + 40).toString('latin1'));
  return value?.[1];
}

/** Every encoding the identifier's value names under some convention, in the table's order. */
export function encodingsForIdentifier(value: string): XmlEncoding[] {
  const out: XmlEncoding[] = [];
  for (const convention of CHARACTER_CODE_CONVENTIONS) {
    const encoding = (convention.values as Readonly<Record<string, XmlEncoding>>)[value];
    if (encoding && !out.includes(encoding)) out.push(encoding);
  }
  return out;
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

const isAscii = (bytes: Buffer): boolean => bytes.every((byte) => byte < 0x80);

/**
 * Decode a file by its own bytes. A UTF-8 BOM decides; UTF-16 is refused. Then the XML
 * declaration, then CharacterCodeIdentifier (any convention's reading of its value), then UTF-8 —
 * but only as far as the bytes agree: text with non-ASCII characters that is valid UTF-8 is UTF-8
 * (Shift_JIS kana and kanji are practically never valid UTF-8), and non-ASCII bytes that are not
 * valid UTF-8 are Shift_JIS, whatever a label says. A file of plain ASCII reads the same either
 * way, so its labels only name it.
 */
export function decodeXml(input: Uint8Array): DecodedXml {
  let bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (UTF8_BOM.every((byte, i) => bytes[i] === byte)) {
    bytes = bytes.subarray(UTF8_BOM.length);
    const text = strictUtf8(bytes);
    if (text === undefined) {
      throw malformed('UTF-8 の BOM がありますが、UTF-8 として読めないバイトが含まれています。');
    }
    return { text, encoding: 'utf8', decidedBy: 'bom' };
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw malformed('UTF-16 のファイルには対応していません（UTF-8 / Shift_JIS のみ）。');
  }
  // A declared name we cannot read at all is refused, even where the bytes would decide: not an OQS file.
  const declared = declaredEncoding(bytes.subarray(0, 256).toString('latin1'));
  const ascii = isAscii(bytes);
  const utf8Text = ascii ? bytes.toString('latin1') : strictUtf8(bytes);
  // What the bytes allow: either encoding for plain ASCII (the text is the same), else exactly one.
  const fits = (encoding: XmlEncoding): boolean =>
    ascii || (encoding === 'utf8') === (utf8Text !== undefined);
  const decode = (encoding: XmlEncoding): string =>
    utf8Text !== undefined && (ascii || encoding === 'utf8') ? utf8Text : iconv.decode(bytes, SJIS);

  if (declared && fits(declared))
    return { text: decode(declared), encoding: declared, decidedBy: 'declaration' };
  const value = identifierValue(bytes);
  const identified = value === undefined ? undefined : encodingsForIdentifier(value).find(fits);
  if (identified) return { text: decode(identified), encoding: identified, decidedBy: 'identifier' };
  // No label, or labels the bytes contradict: the bytes decide (plain ASCII without a label is UTF-8).
  const fromBytes: XmlEncoding = utf8Text !== undefined ? 'utf8' : 'sjis';
  return { text: decode(fromBytes), encoding: fromBytes, decidedBy: ascii ? 'default' : 'bytes' };
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
