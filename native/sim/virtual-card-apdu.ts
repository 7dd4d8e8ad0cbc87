// Command APDU parsing and response building for the virtual card: ISO 7816-4 cases and the status words (my-number-card.md §3).

/** Status words (§3). */
export const sw = {
  ok: 0x9000,
  eofBeforeLe: 0x6282,
  wrongLength: 0x6700,
  channelNotSupported: 0x6881,
  incompatibleFile: 0x6981,
  securityStatus: 0x6982,
  referenceDataUnusable: 0x6984,
  conditionsNotSatisfied: 0x6985,
  noCurrentEf: 0x6986,
  wrongData: 0x6a80,
  notFound: 0x6a82,
  wrongP1P2: 0x6a86,
  offsetBeyondEnd: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

export interface Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Expected response length; undefined when the command has no Le. */
  ne: number | undefined;
  extended: boolean;
}

/** ISO 7816-4 §5.1 cases 1–4, short and extended. Undefined = malformed length (→ 6700). */
export function parseCommand(apdu: Uint8Array): Command | undefined {
  if (apdu.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  const base = { cla, ins, p1, p2 };
  const body = apdu.subarray(4);
  if (body.length === 0) return { ...base, data: new Uint8Array(0), ne: undefined, extended: false };
  const b0 = body[0] ?? 0;
  if (body.length === 1)
    return { ...base, data: new Uint8Array(0), ne: b0 === 0 ? 256 : b0, extended: false };
  if (b0 !== 0) {
    const data = body.subarray(1, 1 + b0);
    if (body.length === 1 + b0) return { ...base, data, ne: undefined, extended: false };
    if (body.length === 2 + b0) {
      const le = body[1 + b0] ?? 0;
      return { ...base, data, ne: le === 0 ? 256 : le, extended: false };
    }
    return undefined;
  }
  if (body.length < 3) return undefined;
  const n = ((body[1] ?? 0) << 8) | (body[2] ?? 0);
  if (body.length === 3) return { ...base, data: new Uint8Array(0), ne: n === 0 ? 65536 : n, extended: true };
  if (n === 0) return undefined;
  const data = body.subarray(3, 3 + n);
  if (body.length === 3 + n) return { ...base, data, ne: undefined, extended: true };
  if (body.length === 5 + n) {
    const le = ((body[3 + n] ?? 0) << 8) | (body[4 + n] ?? 0);
    return { ...base, data, ne: le === 0 ? 65536 : le, extended: true };
  }
  return undefined;
}

const swBytes = (code: number): Uint8Array => Uint8Array.of(code >> 8, code & 0xff);

/** Response data followed by SW1 SW2. */
export function respond(data: Uint8Array, code: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out.set(swBytes(code), data.length);
  return out;
}

/** A response with no data. */
export const status = (code: number): Uint8Array => swBytes(code);

/** §3: `63Cx`, x = tries left (capped at 15). */
export const triesLeftSw = (tries: number): number => 0x63c0 | Math.min(tries, 0x0f);

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);
