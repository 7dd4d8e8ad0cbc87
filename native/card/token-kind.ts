// Which kind of JPKI token answered: a physical card or a smartphone, from the EF 0006 label (§6, §6.1).
import { CardError } from './card-error';
import { TOKEN_LABEL_PREFIXES } from './jpki-constants';

export type TokenKind = 'card' | 'android' | 'iphone';

export interface TokenInfo {
  kind: TokenKind;
  /** The label without its space or NUL padding. */
  label: string;
}

/**
 * Reads the space-padded ASCII label at the start of EF 0006 and compares it by prefix (§5.1 step 3).
 * An unknown label means the token cannot be used as a My Number card: `card.not-my-number-card`.
 */
export function parseTokenLabel(bytes: Uint8Array): TokenInfo {
  let label = '';
  for (const byte of bytes) {
    if (byte === 0x00) break;
    if (byte < 0x20 || byte > 0x7e) {
      throw new CardError('card.not-my-number-card', 'トークン情報のラベルが ASCII ではありません');
    }
    label += String.fromCharCode(byte);
  }
  label = label.trimEnd();
  const match = TOKEN_LABEL_PREFIXES.find(({ prefix }) => label.startsWith(prefix));
  if (!match) {
    throw new CardError(
      'card.not-my-number-card',
      `公的個人認証のトークンではありません（ラベル「${label}」）`,
    );
  }
  return { kind: match.kind, label };
}
