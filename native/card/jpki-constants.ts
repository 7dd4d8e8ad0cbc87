// Identifiers of the JPKI AP (公的個人認証AP) and the command variants whose support is unconfirmed.

/** AID of the JPKI AP (my-number-card.md §1.1). */
export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

/** Elementary files of the JPKI AP used by the kiosk (§1.1). The SFI of each is its low FID byte. */
export const JPKI_EF = {
  /** Token info (PKCS#11 CK_TOKEN_INFO); the first 32 bytes are the space-padded label. */
  tokenInfo: 0x0006,
  /** 利用者証明用電子証明書 (user-authentication certificate, DER); free to read on a physical card. */
  authCertificate: 0x000a,
  /** 利用者証明用 private key (RSA-2048), usable after VERIFY of EF 0018. */
  authKey: 0x0017,
  /** 利用者証明用 PIN: 4 ASCII digits, 3 tries. */
  authPin: 0x0018,
} as const;

/** Bytes of the token label read from EF 0006 (§5.1 step 3). */
export const TOKEN_LABEL_LENGTH = 0x20;

/** Token label prefixes of EF 0006 (§6, §6.1), compared by prefix: a physical card says `JPKIAPICCTOKEN2`. */
export const TOKEN_LABEL_PREFIXES = [
  { prefix: 'JPKIAPICCTOKEN', kind: 'card' },
  { prefix: 'JPKIAPGPSETOKEN', kind: 'android' },
  { prefix: 'JPKIAPIOSTOKEN', kind: 'iphone' },
] as const;

/** Largest offset READ BINARY can address with P1 bit 8 clear (15 bits). */
export const MAX_READ_BINARY_OFFSET = 0x7fff;

/** The data a physical card needs to verify the auth PIN: 4 ASCII digits (§1.1). */
export const AUTH_PIN_LENGTH = 4;

/**
 * Command variants resting on one source or never checked against a real card, in one table so
 * each can be switched without touching the sequences. Defaults are the choices the kiosk ships.
 */
export interface JpkiVariants {
  /**
   * READ BINARY naming the EF by SFI (`00 B0 8A 00 00`, `00 B0 86 00 20`), which selects it
   * implicitly and saves one round trip (§2, §5.1 step 4). Unconfirmed on a JPKI EF (soltia,
   * jsapdu only); a card refusing it with 6A86 / 6981 / 6A82 gets SELECT EF + READ BINARY instead.
   */
  readonly readBinaryBySfi: boolean;
  /**
   * Empty VERIFY naming the PIN by SFI (`00 20 00 98`) instead of SELECT EF 0018 + `00 20 00 80`
   * (§2, §5.2 step 3). Unconfirmed (soltia only); off because VERIFY itself always needs the selected
   * form, so in the kiosk's sequence it saves no round trip. When on, a refusal falls back.
   */
  readonly pinStatusBySfi: boolean;
  /**
   * COMPUTE DIGITAL SIGNATURE naming the key by SFI (`80 2A 00 97`) instead of SELECT EF 0017 +
   * `80 2A 00 80` (§2). Unconfirmed (single source): off, the confirmed SELECT form is used.
   */
  readonly signBySfiKeyReference: boolean;
  /**
   * One card was seen answering the first APDU after power-up with 6F00 (§3, soltia
   * transport/pcsc.rs). Unconfirmed. When on, a SELECT of the AP that is the very first APDU and
   * gets 6F00 is sent once more; no other command is ever repeated.
   */
  readonly resendFirstSelectOn6F00: boolean;
}

export const JPKI_VARIANTS: JpkiVariants = {
  readBinaryBySfi: true,
  pinStatusBySfi: false,
  signBySfiKeyReference: false,
  resendFirstSelectOn6F00: true,
};

/** Status words with which a card refuses the SFI form of a command (§5.1 step 4). */
export const SFI_REFUSED_SW: ReadonlySet<number> = new Set([0x6a86, 0x6981, 0x6a82]);

/** Status words with which a card refuses the SFI form of the empty VERIFY (ISO 7816-4 wrong P1-P2). */
export const SFI_PIN_REFUSED_SW: ReadonlySet<number> = new Set([0x6a86, 0x6981, 0x6a82, 0x6a88]);
