// CardError: every failure of the card layer, with a stable code the session and staff screens rely on.

export const cardErrorCodes = [
  /** SELECT of the JPKI AP failed (6A82 etc.): not a My Number card (§1.1, §3). */
  'card.not-my-number-card',
  /** VERIFY failed; `triesLeft` says how many remain (63Cx, §3). */
  'card.pin-wrong',
  /** The PIN is blocked (63C0 / 6984 / 6983, §3): no VERIFY is ever sent again. */
  'card.pin-locked',
  /** The PIN has the wrong form (not 4 ASCII digits); nothing was sent to the card. */
  'card.pin-invalid',
  /** Signing or a protected read without a verified PIN (6982). */
  'card.security-status',
  /** The card left the field (W_REMOVED_CARD, or the reader said EMPTY). */
  'card.removed',
  /** The reader was unplugged or pcscd went away. */
  'card.reader-gone',
  /** A transmit took longer than its timeout. */
  'card.timeout',
  /** The card answered something the protocol does not allow. */
  'card.protocol-error',
  /** The certificate could not be parsed or failed its checks. */
  'card.certificate-invalid',
] as const;

export type CardErrorCode = (typeof cardErrorCodes)[number];

export class CardError extends Error {
  override readonly name = 'CardError';
  constructor(
    readonly code: CardErrorCode,
    message: string,
    readonly details: { sw?: number; triesLeft?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isCardError = (value: unknown): value is CardError => value instanceof CardError;
