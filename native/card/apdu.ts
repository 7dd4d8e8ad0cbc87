// ISO 7816-4 command and response APDUs: encoding (short and extended), decoding, masked trace text.
import { toHex } from './bytes';
import { CardError } from './card-error';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc is derived from its length). Absent or empty: no Lc field. */
  data?: Uint8Array;
  /** Expected response length, 1..65536 (256 is sent as `00` in short form). Absent: no Le field. */
  le?: number;
  /** Force the extended length form even when the short form would fit. */
  extended?: boolean;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw1: number;
  sw2: number;
  /** SW1 << 8 | SW2 */
  sw: number;
}

const SHORT_MAX_LC = 255;
const SHORT_MAX_LE = 256;
const EXTENDED_MAX_LC = 65535;
const EXTENDED_MAX_LE = 65536;

/** INS codes whose data is a secret and is never shown in a trace: VERIFY and CHANGE REFERENCE DATA (§2.2). */
export const SECRET_DATA_INS: ReadonlySet<number> = new Set([0x20, 0x24]);

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`${name} must be a byte, got ${value}`);
  }
}

/**
 * A zero-filled byte buffer that can really be wiped. Its memory is an ArrayBuffer of its own, outside the
 * JavaScript heap: never Node's shared Buffer pool (Buffer.from of a string or array, Buffer.allocUnsafe),
 * and never a small typed array made by length, which V8 keeps inside its heap (up to 64 bytes) where the
 * garbage collector moves it and leaves the old copy unwiped.
 */
export function secretBuffer(length: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(length));
}

/** Encodes a command APDU, choosing the short form whenever Lc ≤ 255 and Le ≤ 256 (ISO 7816-4 §5.1). */
export function encodeCommand(command: CommandApdu): Uint8Array {
  const { cla, ins, p1, p2 } = command;
  checkByte('CLA', cla);
  checkByte('INS', ins);
  checkByte('P1', p1);
  checkByte('P2', p2);
  const data = command.data ?? new Uint8Array(0);
  const le = command.le;
  if (data.length > EXTENDED_MAX_LC) throw new RangeError(`command data too long: ${data.length} bytes`);
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > EXTENDED_MAX_LE)) {
    throw new RangeError(`Le must be 1..65536, got ${le}`);
  }
  const extended =
    command.extended === true || data.length > SHORT_MAX_LC || (le !== undefined && le > SHORT_MAX_LE);
  // Written straight into one buffer, with no intermediate array: the data of a VERIFY is a PIN, and this
  // buffer is the only copy, which the channel zero-fills (secretBuffer says why it is made as it is).
  const lcSize = data.length === 0 ? 0 : extended ? 3 : 1;
  const leSize = le === undefined ? 0 : extended ? (data.length === 0 ? 3 : 2) : 1;
  const bytes = secretBuffer(4 + lcSize + data.length + leSize);
  bytes[0] = cla;
  bytes[1] = ins;
  bytes[2] = p1;
  bytes[3] = p2;
  let at = 4;
  if (data.length > 0) {
    if (extended) {
      bytes[at++] = 0;
      bytes[at++] = data.length >> 8;
    }
    bytes[at++] = data.length & 0xff;
    bytes.set(data, at);
    at += data.length;
  }
  if (le !== undefined) {
    if (!extended) {
      bytes[at] = le === SHORT_MAX_LE ? 0 : le;
    } else {
      // Case 2E has its own 00 before Le; in case 4E the 00 before Lc serves both.
      if (data.length === 0) bytes[at++] = 0;
      const value = le === EXTENDED_MAX_LE ? 0 : le;
      bytes[at++] = value >> 8;
      bytes[at] = value & 0xff;
    }
  }
  return bytes;
}

/** Decodes a command APDU (cases 1, 2, 3 and 4, short and extended). Returns null when it is malformed. */
export function decodeCommand(apdu: Uint8Array): CommandApdu | null {
  if (apdu.length < 4) return null;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  const header = { cla, ins, p1, p2 };
  if (apdu.length === 4) return header;
  const b4 = apdu[4] ?? 0;
  if (apdu.length === 5) return { ...header, le: b4 === 0 ? SHORT_MAX_LE : b4 };
  if (b4 !== 0) {
    const data = apdu.slice(5, 5 + b4);
    if (apdu.length === 5 + b4) return { ...header, data };
    if (apdu.length === 6 + b4) {
      const le = apdu[5 + b4] ?? 0;
      return { ...header, data, le: le === 0 ? SHORT_MAX_LE : le };
    }
    return null;
  }
  const word = (at: number): number => ((apdu[at] ?? 0) << 8) | (apdu[at + 1] ?? 0);
  if (apdu.length === 7) {
    const le = word(5);
    return { ...header, le: le === 0 ? EXTENDED_MAX_LE : le, extended: true };
  }
  const lc = word(5);
  if (lc === 0) return null;
  const data = apdu.slice(7, 7 + lc);
  if (apdu.length === 7 + lc) return { ...header, data, extended: true };
  if (apdu.length === 9 + lc) {
    const le = word(7 + lc);
    return { ...header, data, le: le === 0 ? EXTENDED_MAX_LE : le, extended: true };
  }
  return null;
}

/** Splits a response into data and SW1 SW2. Fewer than 2 bytes is a protocol error. */
export function parseResponse(response: Uint8Array): ResponseApdu {
  if (response.length < 2) {
    throw new CardError('card.protocol-error', `カードの応答が短すぎます（${response.length} バイト）`);
  }
  const sw1 = response[response.length - 2] ?? 0;
  const sw2 = response[response.length - 1] ?? 0;
  return { data: response.subarray(0, response.length - 2), sw1, sw2, sw: (sw1 << 8) | sw2 };
}

/**
 * A command APDU as hex for a trace. The data of VERIFY (INS 20) and CHANGE PIN (INS 24), and of any
 * command marked sensitive, shows as `XX` per byte, so a PIN never reaches a log (§2.2).
 */
export function formatApdu(apdu: Uint8Array, options: { sensitive?: boolean } = {}): string {
  const mask = options.sensitive === true || SECRET_DATA_INS.has(apdu[1] ?? -1);
  if (!mask || apdu.length <= 5) return toHex(apdu);
  const decoded = decodeCommand(apdu);
  const dataLength = decoded?.data?.length ?? 0;
  if (decoded === null) {
    // Malformed: the data boundaries are unknown, so everything after the header is hidden.
    return [toHex(apdu.subarray(0, 4)), ...Array.from(apdu.subarray(4), () => 'XX')].join(' ');
  }
  if (dataLength === 0) return toHex(apdu);
  const lcSize = decoded.extended === true ? 3 : 1;
  const dataStart = 4 + lcSize;
  return [
    toHex(apdu.subarray(0, dataStart)),
    ...Array.from({ length: dataLength }, () => 'XX'),
    ...(apdu.length > dataStart + dataLength ? [toHex(apdu.subarray(dataStart + dataLength))] : []),
  ].join(' ');
}

/**
 * A response APDU for a trace: the data length and SW1 SW2, never the data itself (it may be a
 * signature, which is never logged).
 */
export function formatResponse(response: Uint8Array): string {
  if (response.length < 2) return `(${response.length} bytes, no status word)`;
  const sw = toHex(response.subarray(response.length - 2));
  return response.length === 2 ? sw : `[${response.length - 2} bytes] ${sw}`;
}
