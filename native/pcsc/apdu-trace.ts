// APDU sizing and trace lines: response buffer per APDU case, and hex traces that never show a PIN.

/** res_len for short APDUs: 256 data bytes + SW1 SW2 (my-number-card.md §9.1, §10 pitfall 5). */
export const SHORT_RESPONSE_LENGTH = 258;
/** res_len for extended APDUs: 65536 data bytes + SW1 SW2 (§9.1). */
export const EXTENDED_RESPONSE_LENGTH = 65538;

/** VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER carry secrets in their data (§2.2: myna masks INS 20/24). */
const secretInstructions = new Set([0x20, 0x24, 0x2c]);

/** Extended length: a 0x00 byte where a short APDU has Lc/Le, followed by more bytes (ISO 7816-3 cases 2E–4E). */
export function isExtendedApdu(apdu: Uint8Array): boolean {
  return apdu.length > 5 && apdu[4] === 0x00;
}

export function responseLength(apdu: Uint8Array): number {
  return isExtendedApdu(apdu) ? EXTENDED_RESPONSE_LENGTH : SHORT_RESPONSE_LENGTH;
}

/** A view, not a copy: a copy of a VERIFY would put its bytes in Node's shared buffer pool. */
const hex = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();

/** A command APDU for a trace; the data of secret commands is replaced by its length only. */
export function traceCommand(apdu: Uint8Array, sensitive = false): string {
  const secret = sensitive || (apdu.length > 1 && secretInstructions.has(apdu[1] ?? -1));
  if (!secret || apdu.length <= 4) return hex(apdu);
  return `${hex(apdu.subarray(0, 4))} [${apdu.length - 4} bytes masked]`;
}

/** A response APDU for a trace: status word and length only (responses may hold a signature, which is never logged). */
export function traceResponse(response: Uint8Array): string {
  if (response.length < 2) return `<${response.length} bytes>`;
  const sw = hex(response.subarray(response.length - 2));
  return `${sw} (${response.length - 2} data bytes)`;
}
