// Total size of a DER object from its first bytes, to size certificate reads (my-number-card.md §4).
import { CardError } from './card-error';

export interface DerHeader {
  /** Bytes of tag + length. */
  headerLength: number;
  /** Bytes of content. */
  contentLength: number;
  /** headerLength + contentLength: how many bytes the object occupies. */
  totalLength: number;
}

const invalid = (reason: string): CardError =>
  new CardError('card.certificate-invalid', `証明書の DER ヘッダーが不正です（${reason}）`);

/**
 * Reads the header of a DER SEQUENCE (tag 30), short or long length form up to 3 length bytes (§4).
 * Throws `card.certificate-invalid` for another tag, the indefinite form or too few bytes.
 */
export function readDerHeader(bytes: Uint8Array): DerHeader {
  if (bytes.length < 2) throw invalid(`${bytes.length} バイトしかありません`);
  if (bytes[0] !== 0x30) throw invalid(`タグが 30 ではなく ${(bytes[0] ?? 0).toString(16).padStart(2, '0')}`);
  const first = bytes[1] ?? 0;
  if (first < 0x80) return { headerLength: 2, contentLength: first, totalLength: 2 + first };
  const count = first & 0x7f;
  if (count === 0) throw invalid('不定長形式');
  if (count > 3) throw invalid(`長さのバイト数 ${count}`);
  if (bytes.length < 2 + count) throw invalid('長さが途中で切れています');
  let contentLength = 0;
  for (let i = 0; i < count; i++) contentLength = contentLength * 256 + (bytes[2 + i] ?? 0);
  // DER uses the shortest form; a padded length is a sign of garbage.
  if (contentLength < 0x80 || (count > 1 && bytes[2] === 0)) throw invalid('最短形式ではない長さ');
  return { headerLength: 2 + count, contentLength, totalLength: 2 + count + contentLength };
}
