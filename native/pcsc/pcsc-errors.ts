// Maps pcsclite errors ("SCardXxx error: … (0x8010…)") to CardError codes (my-number-card.md §3.1).
import { CardError, type CardErrorCode } from '../card/card-error';
import { SCARD_CODE } from './pcsc-like';

/** The PC/SC return code in a pcsclite error message, or undefined when the message carries none. */
export function pcscErrorCode(error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\(0x([0-9a-f]{8})\)/i.exec(message);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

/** Codes that mean pcscd itself is gone or unusable: the context has to be recreated (§10 pitfalls 1, 2, 13). */
const serviceCodes = new Set<number>([
  SCARD_CODE.F_COMM_ERROR,
  SCARD_CODE.E_NO_SERVICE,
  SCARD_CODE.E_SERVICE_STOPPED,
]);

export function isServiceError(error: unknown): boolean {
  const code = pcscErrorCode(error);
  return code !== undefined && serviceCodes.has(code);
}

/** A card only half in the field, or one that came and went: worth one more try after a short delay (§10 pitfall 8). */
export function isUnsettledCardError(error: unknown): boolean {
  const code = pcscErrorCode(error);
  return (
    code === SCARD_CODE.W_UNRESPONSIVE_CARD ||
    code === SCARD_CODE.W_UNPOWERED_CARD ||
    code === SCARD_CODE.E_NO_SMARTCARD
  );
}

const table = new Map<number, { code: CardErrorCode; message: string }>([
  [SCARD_CODE.W_REMOVED_CARD, { code: 'card.removed', message: 'カードが取り外されました' }],
  [SCARD_CODE.E_NO_SMARTCARD, { code: 'card.removed', message: 'カードがありません' }],
  // The card lost its power state (and any verified PIN): the caller reconnects and re-SELECTs (§3.1).
  [SCARD_CODE.W_RESET_CARD, { code: 'card.removed', message: 'カードがリセットされました' }],
  [
    SCARD_CODE.W_UNRESPONSIVE_CARD,
    { code: 'card.removed', message: 'カードが応答しません（置き直してください）' },
  ],
  [SCARD_CODE.W_UNPOWERED_CARD, { code: 'card.removed', message: 'カードに電源が入っていません' }],
  [SCARD_CODE.E_UNKNOWN_READER, { code: 'card.reader-gone', message: 'カードリーダーが見つかりません' }],
  [SCARD_CODE.E_READER_UNAVAILABLE, { code: 'card.reader-gone', message: 'カードリーダーが使用できません' }],
  [
    SCARD_CODE.E_NO_READERS_AVAILABLE,
    { code: 'card.reader-gone', message: 'カードリーダーが接続されていません' },
  ],
  [
    SCARD_CODE.E_INVALID_HANDLE,
    { code: 'card.reader-gone', message: 'カードリーダーとの接続が失われました' },
  ],
  [SCARD_CODE.E_CANCELLED, { code: 'card.reader-gone', message: 'カードリーダーの操作が取り消されました' }],
  [
    SCARD_CODE.F_COMM_ERROR,
    { code: 'card.reader-gone', message: 'PC/SC サービス（pcscd）との通信が切れました' },
  ],
  [SCARD_CODE.E_NO_SERVICE, { code: 'card.reader-gone', message: 'PC/SC サービス（pcscd）が動いていません' }],
  [
    SCARD_CODE.E_SERVICE_STOPPED,
    { code: 'card.reader-gone', message: 'PC/SC サービス（pcscd）が停止しました' },
  ],
  // Another program holds the card EXCLUSIVE: from the kiosk's side the reader is not usable.
  [
    SCARD_CODE.E_SHARING_VIOLATION,
    { code: 'card.reader-gone', message: 'カードリーダーを他のプログラムが使用中です' },
  ],
  [SCARD_CODE.E_TIMEOUT, { code: 'card.timeout', message: 'カードの応答がありません' }],
  [SCARD_CODE.E_INSUFFICIENT_BUFFER, { code: 'card.protocol-error', message: 'カードの応答が大きすぎます' }],
  [SCARD_CODE.E_PROTO_MISMATCH, { code: 'card.protocol-error', message: 'カードの通信方式が合いません' }],
  [SCARD_CODE.E_NOT_TRANSACTED, { code: 'card.protocol-error', message: 'カードとの通信に失敗しました' }],
]);

/** A CardError for any pcsclite failure; unknown codes become card.protocol-error with the original as cause. */
export function toCardError(error: unknown, operation: string): CardError {
  if (error instanceof CardError) return error;
  const code = pcscErrorCode(error);
  const hex = code === undefined ? '' : ` (0x${code.toString(16).toUpperCase().padStart(8, '0')})`;
  const known = code === undefined ? undefined : table.get(code);
  if (known) return new CardError(known.code, `${known.message}${hex}`, {}, { cause: error });
  const text = error instanceof Error ? error.message : String(error);
  if (/not connected/i.test(text)) {
    return new CardError('card.removed', 'カードとの接続がありません', {}, { cause: error });
  }
  return new CardError(
    'card.protocol-error',
    `カードリーダーの ${operation} に失敗しました${hex}`,
    {},
    { cause: error },
  );
}
