// A minimal DER (ASN.1 Distinguished Encoding Rules) encoder: just what X.509 certificates of the test PKI need.

/** Universal tags used by X.509 (X.680). */
export const asn1Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** One TLV: tag, definite length, content. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  return concatBytes(Uint8Array.of(tag, ...lengthBytes(body.length)), body);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(asn1Tag.sequence, ...items);

/** SET OF, with its elements sorted as DER requires. */
export function setOf(...items: Uint8Array[]): Uint8Array {
  const sorted = [...items].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
    }
    return a.length - b.length;
  });
  return tlv(asn1Tag.set, ...sorted);
}

/** A non-negative INTEGER in its shortest two's-complement form (serials, versions, RSA numbers). */
export function integer(value: bigint | number): Uint8Array {
  let v = BigInt(value);
  if (v < 0n) throw new Error('negative INTEGER values are not supported');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(asn1Tag.integer, Uint8Array.from(bytes));
}

/** An OBJECT IDENTIFIER from its dotted form, e.g. "1.2.840.113549.1.1.11". */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((arc) => {
    if (!/^\d+$/.test(arc)) throw new Error(`not an OID: ${dotted}`);
    return BigInt(arc);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2n) throw new Error(`not an OID: ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return tlv(asn1Tag.oid, Uint8Array.from(bytes));
}

export const nullValue = (): Uint8Array => tlv(asn1Tag.null);
export const boolean = (value: boolean): Uint8Array => tlv(asn1Tag.boolean, Uint8Array.of(value ? 0xff : 0));
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(asn1Tag.octetString, bytes);
export const utf8String = (text: string): Uint8Array => tlv(asn1Tag.utf8String, Buffer.from(text, 'utf8'));

export function printableString(text: string): Uint8Array {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new Error(`not a PrintableString: ${text}`);
  return tlv(asn1Tag.printableString, Buffer.from(text, 'ascii'));
}

/** BIT STRING with no unused bits (keys, signatures) or with the given flag bits (KeyUsage). */
export function bitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  return tlv(asn1Tag.bitString, Uint8Array.of(unusedBits), bytes);
}

/**
 * A named-bit BIT STRING (KeyUsage): bit 0 is the most significant bit of the first byte.
 * DER drops trailing zero bits.
 */
export function namedBits(bits: number[]): Uint8Array {
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) {
    const index = Math.floor(bit / 8);
    bytes[index] = (bytes[index] ?? 0) | (0x80 >> (bit % 8));
  }
  return bitString(bytes, 7 - (highest % 8));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, Z. */
export function time(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z';
  if (year >= 1950 && year < 2050) {
    return tlv(asn1Tag.utcTime, Buffer.from(pad(year % 100) + rest, 'ascii'));
  }
  return tlv(asn1Tag.generalizedTime, Buffer.from(pad(year, 4) + rest, 'ascii'));
}

/** [n] EXPLICIT, constructed context-specific tag. */
export const explicit = (n: number, ...content: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...content);

/** [n] IMPLICIT on a primitive value (e.g. GeneralName uniformResourceIdentifier). */
export const implicitPrimitive = (n: number, bytes: Uint8Array): Uint8Array => tlv(0x80 | n, bytes);
