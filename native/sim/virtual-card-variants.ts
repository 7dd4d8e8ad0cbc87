// The virtual card's variants table: per variant and token, the ATR, EF 0006 label, access rules and serials (my-number-card.md §6, §6.1, §7).
export const virtualCardVariants = [
  'physical',
  'android',
  'iphone',
  'face-auth',
  'expired',
  'locked',
  'not-my-number',
] as const;

export type VirtualCardVariant = (typeof virtualCardVariants)[number];

export type TokenKind = 'card' | 'android' | 'iphone';

/** Default certificate serials per variant: phones carry a different certificate than the card (§6.1). */
export const virtualCardDefaultSerials: Record<VirtualCardVariant, bigint> = {
  physical: 0x0a00_0001n,
  android: 0x0a00_0002n,
  iphone: 0x0a00_0003n,
  'face-auth': 0x0a00_0004n,
  expired: 0x0a00_0005n,
  locked: 0x0a00_0006n,
  'not-my-number': 0x0a00_0007n,
};

/** The 署名用 certificate has its own serial; this offset keeps it apart from the 利用者証明用 serial. */
export const signSerialOffset = 1n << 40n;

/** §6: ATRs. A contactless reader makes one up from the ATQB; phones are likely Type A (unconfirmed). */
export const atrs: Record<TokenKind | 'other', Uint8Array> = {
  card: Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f),
  // PC/SC Part 3 ATR of an ISO 14443-4 card without historical bytes (unconfirmed for phones).
  android: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01),
  iphone: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01),
  // §6: the driving licence, also `3B 88 80 01…`, so an ATR prefix does not tell the cards apart.
  other: Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x91, 0x81, 0xc1, 0x00, 0xd8),
};

/** §6 / §6.1: EF 0006 labels (compared by prefix by readers). */
export const tokenLabels: Record<TokenKind, string> = {
  card: 'JPKIAPICCTOKEN2',
  android: 'JPKIAPGPSETOKEN',
  iphone: 'JPKIAPIOSTOKEN',
};

export interface TokenRules {
  authCertNeedsPin: boolean;
  acceptsLastCommandIndicator: boolean;
}

/**
 * What each token allows that differs from a physical card (§6.1).
 * - authCertNeedsPin: Android verifies PIN 0018 before reading EF 000A — unconfirmed. iPhone behaviour is
 *   unknown (unconfirmed); it is treated like Android so a reader must cope with the stricter case.
 * - acceptsLastCommandIndicator: `80 FC 00 00` belongs to the iPhone profile; cards answer 6700 — unconfirmed.
 */
export const tokenRules: Record<TokenKind, TokenRules> = {
  card: { authCertNeedsPin: false, acceptsLastCommandIndicator: false },
  android: { authCertNeedsPin: true, acceptsLastCommandIndicator: false },
  iphone: { authCertNeedsPin: true, acceptsLastCommandIndicator: true },
};

export const tokenOf = (variant: VirtualCardVariant): TokenKind =>
  variant === 'android' ? 'android' : variant === 'iphone' ? 'iphone' : 'card';

const dayMs = 86_400_000;

/** Certificate validity: current cards run about five years (§7, unconfirmed); `expired` ended 30 days ago. */
export function validityFor(variant: VirtualCardVariant, now: Date): { notBefore: Date; notAfter: Date } {
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  if (variant === 'expired') {
    return { notBefore: new Date(today - 5 * 365 * dayMs), notAfter: new Date(today - 30 * dayMs) };
  }
  return { notBefore: new Date(today - 365 * dayMs), notAfter: new Date(today + 4 * 365 * dayMs) };
}
