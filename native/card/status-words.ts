// Status words (SW1 SW2) of the My Number card, turned into typed results (my-number-card.md §3).

/** Named status words the JPKI sequences test for (§3). */
export const SW = {
  ok: 0x9000,
  /** Empty VERIFY on a key without a retry limit (not expected on JPKI). */
  noRetryLimit: 0x6300,
  /** READ BINARY: end of file reached before Le bytes (ISO). */
  endOfFileBeforeLe: 0x6282,
  wrongLength: 0x6700,
  /** Logical channel not supported: only channel 0 works. */
  channelNotSupported: 0x6881,
  /** Command incompatible with the file structure (a card refusing the SFI form). */
  commandIncompatible: 0x6981,
  securityStatus: 0x6982,
  /** ISO "authentication method blocked": treated as blocked although no My Number source shows it. */
  authMethodBlocked: 0x6983,
  /** Referenced data invalidated: a blocked key, JICSAP 5.2.2. */
  referenceBlocked: 0x6984,
  conditionsNotSatisfied: 0x6985,
  noCurrentEf: 0x6986,
  notFound: 0x6a82,
  incorrectP1P2: 0x6a86,
  referencedDataNotFound: 0x6a88,
  /** READ BINARY offset beyond the end of the file (JICSAP 7.3.1). */
  offsetBeyondEnd: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
  /** No precise diagnosis; one card answers the first APDU after power-up with it (unconfirmed). */
  noPreciseDiagnosis: 0x6f00,
} as const;

export type StatusResult =
  | { kind: 'ok' }
  /** 61xx: this many bytes wait for GET RESPONSE (0 means 256). */
  | { kind: 'more-data'; available: number }
  /** 6Cxx: resend with Le = exactLe (0 means 256). */
  | { kind: 'wrong-le'; exactLe: number }
  /** 63Cx: VERIFY failed or was queried; x tries left (0 = blocked by this attempt). */
  | { kind: 'verify-tries'; triesLeft: number }
  /** 6983 / 6984: the key is blocked. */
  | { kind: 'blocked' }
  | { kind: 'no-retry-limit' }
  | { kind: 'security-status' }
  | { kind: 'not-found' }
  | { kind: 'incorrect-p1p2' }
  | { kind: 'command-incompatible' }
  | { kind: 'referenced-data-not-found' }
  | { kind: 'end-of-file-before-le' }
  | { kind: 'offset-beyond-end' }
  | { kind: 'wrong-length' }
  | { kind: 'conditions-not-satisfied' }
  | { kind: 'no-current-ef' }
  | { kind: 'channel-not-supported' }
  | { kind: 'ins-not-supported' }
  | { kind: 'cla-not-supported' }
  | { kind: 'no-precise-diagnosis' }
  | { kind: 'other' };

const fixed: ReadonlyMap<number, StatusResult> = new Map<number, StatusResult>([
  [SW.ok, { kind: 'ok' }],
  [SW.noRetryLimit, { kind: 'no-retry-limit' }],
  [SW.endOfFileBeforeLe, { kind: 'end-of-file-before-le' }],
  [SW.wrongLength, { kind: 'wrong-length' }],
  [SW.channelNotSupported, { kind: 'channel-not-supported' }],
  [SW.commandIncompatible, { kind: 'command-incompatible' }],
  [SW.securityStatus, { kind: 'security-status' }],
  [SW.authMethodBlocked, { kind: 'blocked' }],
  [SW.referenceBlocked, { kind: 'blocked' }],
  [SW.conditionsNotSatisfied, { kind: 'conditions-not-satisfied' }],
  [SW.noCurrentEf, { kind: 'no-current-ef' }],
  [SW.notFound, { kind: 'not-found' }],
  [SW.incorrectP1P2, { kind: 'incorrect-p1p2' }],
  [SW.referencedDataNotFound, { kind: 'referenced-data-not-found' }],
  [SW.offsetBeyondEnd, { kind: 'offset-beyond-end' }],
  [SW.insNotSupported, { kind: 'ins-not-supported' }],
  [SW.claNotSupported, { kind: 'cla-not-supported' }],
  [SW.noPreciseDiagnosis, { kind: 'no-precise-diagnosis' }],
]);

/** Classifies a 16-bit status word (SW1 << 8 | SW2). */
export function classifyStatus(sw: number): StatusResult {
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw1 === 0x61) return { kind: 'more-data', available: sw2 };
  if (sw1 === 0x6c) return { kind: 'wrong-le', exactLe: sw2 };
  // §3: 63Cx carries the tries left in the low nibble (myna `sw2 & 0x0F`).
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return { kind: 'verify-tries', triesLeft: sw2 & 0x0f };
  return fixed.get(sw) ?? { kind: 'other' };
}

/** A status word as four hex digits, e.g. `6A82`. */
export const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');
