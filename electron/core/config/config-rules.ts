// Rules of single settings that plain types cannot say: the staff PIN hash format, safe names, absolute paths.
import path from 'node:path';
import { parseStaffPinHash, STAFF_PIN_COST, STAFF_PIN_MAX_MEMORY_BYTES } from '../staff/staff-pin';

/**
 * The exact text `hash-pin-cli.ts` (staff-pin.ts `hashStaffPin`) writes: `scrypt$N$r$p$<salt>$<key>`, with a
 * 16-byte salt and a 32-byte key in padded standard base64 (24 and 44 characters).
 */
const PIN_HASH_PATTERN =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

/**
 * Bounds of the scrypt cost a hash may carry. The upper bounds keep one login check inside the memory that
 * staff-pin.ts allows scrypt (memory ≈ 128·N·r bytes), so a hash the verifier would refuse is refused here
 * at start instead; the lower bound of N is the cheapest cost the tests use (1024).
 */
const PIN_HASH_LIMITS = {
  minN: 1024,
  maxN: 2 ** 19,
  maxR: 32,
  maxP: 16,
  maxMemoryBytes: STAFF_PIN_MAX_MEMORY_BYTES,
} as const;

/**
 * Why `text` is not a staff PIN hash as the hash tool writes it, in words for the person editing the file;
 * undefined when it is one. The empty text means "not set" and is checked by the caller.
 */
export function staffPinHashProblem(text: string): string | undefined {
  const match = PIN_HASH_PATTERN.exec(text);
  if (!match) {
    return `ハッシュツールが出力した形（scrypt$${STAFF_PIN_COST.N}$${STAFF_PIN_COST.r}$${STAFF_PIN_COST.p}$…$…）のまま貼り付けてください`;
  }
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (
    !powerOfTwo ||
    N < PIN_HASH_LIMITS.minN ||
    N > PIN_HASH_LIMITS.maxN ||
    r < 1 ||
    r > PIN_HASH_LIMITS.maxR ||
    p < 1 ||
    p > PIN_HASH_LIMITS.maxP ||
    128 * N * r > PIN_HASH_LIMITS.maxMemoryBytes
  ) {
    return `scrypt のパラメータ（N=${match[1] ?? ''}, r=${match[2] ?? ''}, p=${match[3] ?? ''}）が使えない値です。ハッシュツールで作り直してください`;
  }
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const key = Buffer.from(match[5] ?? '', 'base64');
  // Canonical base64 only: a decoder skips stray characters, so the text must encode back to itself.
  if (
    salt.length !== 16 ||
    key.length !== 32 ||
    salt.toString('base64') !== match[4] ||
    key.toString('base64') !== match[5]
  ) {
    return 'ソルトまたはハッシュ値の長さが正しくありません。ハッシュツールの出力を全部貼り付けてください';
  }
  // The login check reads the hash with this parser: a hash it refuses would make every login fail.
  if (!parseStaffPinHash(text)) return 'ログイン時に読めない形です。ハッシュツールで作り直してください';
  return undefined;
}

/**
 * Characters a name shown to staff or written to the log may not hold: C0/C1 controls and DEL (a log line or
 * CSV cell broken in two), line and paragraph separators, and the Unicode bidirectional controls
 * (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), which make text read differently from how it is
 * stored (CVE-2021-42574, "Trojan Source").
 */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/** Why `text` is not a usable name; undefined when it is. */
export function nameProblem(text: string): string | undefined {
  if (FORBIDDEN_IN_NAME.test(text)) return '改行・制御文字・文字の向きを変える記号は使えません';
  if (text.trim() !== text) return '前後に空白を入れないでください';
  return undefined;
}

/** The log's special value for a log kept in memory only (simulation and benchmarks). */
export const IN_MEMORY_LOG = ':memory:';

/** Why `text` is not a usable path of a file or folder the kiosk writes; undefined when it is. */
export function absolutePathProblem(text: string): string | undefined {
  if (FORBIDDEN_IN_NAME.test(text)) return '改行や制御文字は使えません';
  if (!path.isAbsolute(text)) return '絶対パス（/ や C:\\ から始まる形）で書いてください';
  return undefined;
}
