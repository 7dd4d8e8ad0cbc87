// The JPKI AP sequences of a My Number card (select, token kind, certificate, PIN, signature) over a Transmit.
import { secretBuffer } from './apdu';
import type { CommandApdu, ResponseApdu } from './apdu';
import { createApduChannel } from './apdu-channel';
import type { Transmit } from './apdu-channel';
import { concatBytes } from './bytes';
import { CardError } from './card-error';
import { parseCertificate } from './certificate';
import type { CertificateInfo } from './certificate';
import { readDerHeader } from './der-length';
import { sha256DigestInfo } from './digest-info';
import {
  AUTH_PIN_LENGTH,
  JPKI_AID,
  JPKI_EF,
  JPKI_VARIANTS,
  MAX_READ_BINARY_OFFSET,
  SFI_PIN_REFUSED_SW,
  SFI_REFUSED_SW,
  TOKEN_LABEL_LENGTH,
} from './jpki-constants';
import type { JpkiVariants } from './jpki-constants';
import { SW, classifyStatus, swHex } from './status-words';
import { parseTokenLabel } from './token-kind';
import type { TokenInfo } from './token-kind';

/** `not-set`: a card issued without a 利用者証明用 PIN (顔認証マイナンバーカード, oqs-and-insurance.md §3). */
export type PinStatus =
  { state: 'ready'; triesLeft: number } | { state: 'verified' } | { state: 'locked' } | { state: 'not-set' };

/**
 * What a 顔認証マイナンバーカード answers to the empty VERIFY of EF 0018 is not documented (unconfirmed):
 * taken to be ISO 6A88 (referenced data not found), since no PIN was ever set. 6984 stays "locked", as a
 * locked key answers it (my-number-card.md §3). Change it here when a real card shows otherwise.
 */
export const NO_PIN_SET_SW: number = SW.referencedDataNotFound;

export interface JpkiCard {
  /** SELECT of the JPKI AP by AID: one APDU. Anything but 9000 is `card.not-my-number-card`. */
  select(): Promise<void>;
  /** Physical card or smartphone, from the EF 0006 label. */
  readTokenKind(): Promise<TokenInfo>;
  /** The 利用者証明用電子証明書 (EF 000A), read without a PIN on a physical card. */
  readAuthCertificate(): Promise<CertificateInfo>;
  /** Tries left of the auth PIN by the empty VERIFY, which never uses up a try. */
  pinStatus(): Promise<PinStatus>;
  /** Exactly one VERIFY of the auth PIN; never retried, never sent to a locked card. */
  verifyPin(pin: string): Promise<void>;
  /** RSA PKCS#1 v1.5 signature (256 bytes) over SHA-256(challenge) with the auth key. */
  signChallenge(challenge: Uint8Array): Promise<Uint8Array>;
  /** APDUs sent so far, GET RESPONSE and resends included. */
  readonly apduCount: number;
}

export interface JpkiCardOptions {
  /** Receives one line per APDU and response; PIN data is masked and response data is never shown. */
  trace?: (line: string) => void;
  /** Overrides of the unconfirmed command variants; the defaults are JPKI_VARIANTS. */
  variants?: Partial<JpkiVariants>;
}

const READ_CHUNK = 256;

const selectAp: CommandApdu = { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: JPKI_AID };
const selectEfCommand = (fid: number): CommandApdu => ({
  cla: 0x00,
  ins: 0xa4,
  p1: 0x02,
  p2: 0x0c,
  data: Uint8Array.of(fid >> 8, fid & 0xff),
});
const readBinary = (offset: number, le: number): CommandApdu => ({
  cla: 0x00,
  ins: 0xb0,
  p1: offset >> 8,
  p2: offset & 0xff,
  le,
});
/** READ BINARY with P1 = 80 | SFI, offset 0: implicitly selects the EF (§2). */
const readBinaryBySfi = (fid: number, le: number): CommandApdu => ({
  cla: 0x00,
  ins: 0xb0,
  p1: 0x80 | (fid & 0x1f),
  p2: 0x00,
  le,
});
/** VERIFY: P2 = 80 names the current EF, P2 = 80 | SFI names the PIN directly (§2). */
const verifyCommand = (p2: number, data?: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: 0x20,
  p1: 0x00,
  p2,
  ...(data ? { data } : {}),
});
/** COMPUTE DIGITAL SIGNATURE, P1 00: the card adds PKCS#1 v1.5 padding to a DigestInfo (§2.1). */
const signCommand = (p2: number, digestInfo: Uint8Array): CommandApdu => ({
  cla: 0x80,
  ins: 0x2a,
  p1: 0x00,
  p2,
  data: digestInfo,
  le: 256,
});

const isReadOk = (sw: number): boolean => sw === SW.ok || sw === SW.endOfFileBeforeLe;

function unexpected(what: string, sw: number): CardError {
  if (sw === SW.securityStatus) {
    return new CardError('card.security-status', `${what}には暗証番号の照合が必要です（${swHex(sw)}）`, {
      sw,
    });
  }
  return new CardError('card.protocol-error', `${what}でカードが想定外の応答をしました（${swHex(sw)}）`, {
    sw,
  });
}

/**
 * The PIN as the ASCII digits VERIFY sends (§1.1), in a secretBuffer (apdu.ts) that the caller zero-fills;
 * undefined unless it is exactly 4 digits. Checked character by character, not with a regular expression:
 * V8 keeps the last string a RegExp ran on (RegExp.input), which would hold the PIN alive after the check.
 * The string itself cannot be wiped: JavaScript strings are immutable, so the PIN string the session hands
 * over lives until the garbage collector takes it.
 */
function pinBytes(pin: unknown): Uint8Array | undefined {
  if (typeof pin !== 'string' || pin.length !== AUTH_PIN_LENGTH) return undefined;
  const data = secretBuffer(AUTH_PIN_LENGTH);
  for (let i = 0; i < AUTH_PIN_LENGTH; i++) {
    const code = pin.charCodeAt(i);
    if (code < 0x30 || code > 0x39) {
      data.fill(0);
      return undefined;
    }
    data[i] = code;
  }
  return data;
}

export function createJpkiCard(transmit: Transmit, options: JpkiCardOptions = {}): JpkiCard {
  const variants: JpkiVariants = { ...JPKI_VARIANTS, ...options.variants };
  const channel = createApduChannel(transmit, { trace: options.trace });

  let selected = false;
  /** The EF the card has as current, as far as this side knows; null when unknown. */
  let currentEf: number | null = null;
  let sfiReadRefused = false;
  let sfiPinRefused = false;
  let lastPinStatus: PinStatus | null = null;

  // One operation at a time: the current EF is shared state on the card (§10 pitfall 7).
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = tail.then(operation, operation);
    tail = run.catch(() => undefined);
    return run;
  }

  async function send(command: CommandApdu, sendOptions?: { sensitive?: boolean }): Promise<ResponseApdu> {
    try {
      return await channel.send(command, sendOptions);
    } catch (error) {
      // After a transport failure nothing is known about the card's state.
      currentEf = null;
      throw error;
    }
  }

  async function selectApplication(): Promise<void> {
    const first = channel.count === 0;
    selected = false;
    currentEf = null;
    if (lastPinStatus?.state !== 'locked') lastPinStatus = null;
    let response = await send(selectAp);
    if (response.sw === SW.noPreciseDiagnosis && first && variants.resendFirstSelectOn6F00) {
      response = await send(selectAp);
    }
    if (response.sw !== SW.ok) {
      throw new CardError(
        'card.not-my-number-card',
        `マイナンバーカードの公的個人認証APが見つかりません（${swHex(response.sw)}）`,
        { sw: response.sw },
      );
    }
    selected = true;
  }

  async function ensureSelected(): Promise<void> {
    if (!selected) await selectApplication();
  }

  async function selectEf(fid: number): Promise<void> {
    if (currentEf === fid) return;
    currentEf = null;
    const response = await send(selectEfCommand(fid));
    if (response.sw !== SW.ok) {
      throw unexpected(`EF ${fid.toString(16).padStart(4, '0')} の選択`, response.sw);
    }
    currentEf = fid;
  }

  /** The first `le` bytes of an EF: by SFI when allowed, else SELECT EF + READ BINARY (§5.1 step 4). */
  async function readStart(fid: number, le: number, what: string): Promise<Uint8Array> {
    if (variants.readBinaryBySfi && !sfiReadRefused && currentEf !== fid) {
      const response = await send(readBinaryBySfi(fid, le));
      if (isReadOk(response.sw)) {
        currentEf = fid;
        return response.data;
      }
      if (!SFI_REFUSED_SW.has(response.sw)) throw unexpected(what, response.sw);
      sfiReadRefused = true;
      currentEf = null;
    }
    await selectEf(fid);
    const response = await send(readBinary(0, le));
    if (!isReadOk(response.sw)) throw unexpected(what, response.sw);
    return response.data;
  }

  async function readCertificate(): Promise<CertificateInfo> {
    const what = '利用者証明用電子証明書の読み取り';
    const first = await readStart(JPKI_EF.authCertificate, READ_CHUNK, what);
    const { totalLength } = readDerHeader(first);
    if (totalLength > MAX_READ_BINARY_OFFSET + 1) {
      throw new CardError('card.certificate-invalid', `証明書が大きすぎます（${totalLength} バイト）`);
    }
    const parts = [first];
    let received = first.length;
    let reselected = false;
    while (received < totalLength) {
      const response = await send(readBinary(received, Math.min(READ_CHUNK, totalLength - received)));
      if (response.sw === SW.noCurrentEf && !reselected) {
        // The SFI read did not leave EF 000A current on this card: select it and read on.
        reselected = true;
        currentEf = null;
        await selectEf(JPKI_EF.authCertificate);
        continue;
      }
      if (response.sw === SW.offsetBeyondEnd) break;
      if (!isReadOk(response.sw)) throw unexpected(what, response.sw);
      parts.push(response.data);
      received += response.data.length;
      if (response.sw === SW.endOfFileBeforeLe || response.data.length === 0) break;
    }
    if (received < totalLength) {
      throw new CardError(
        'card.certificate-invalid',
        `証明書が途中で終わっています（${received} / ${totalLength} バイト）`,
      );
    }
    return parseCertificate(concatBytes(...parts).subarray(0, totalLength));
  }

  function pinStatusFrom(sw: number): PinStatus {
    const status = classifyStatus(sw);
    if (status.kind === 'ok') return { state: 'verified' };
    if (sw === NO_PIN_SET_SW) return { state: 'not-set' };
    if (status.kind === 'blocked') return { state: 'locked' };
    if (status.kind === 'verify-tries') {
      return status.triesLeft === 0 ? { state: 'locked' } : { state: 'ready', triesLeft: status.triesLeft };
    }
    throw unexpected('暗証番号の残り回数の確認', sw);
  }

  async function queryPinStatus(): Promise<PinStatus> {
    let response: ResponseApdu | null = null;
    if (variants.pinStatusBySfi && !sfiPinRefused) {
      currentEf = null;
      response = await send(verifyCommand(0x80 | JPKI_EF.authPin));
      if (SFI_PIN_REFUSED_SW.has(response.sw)) {
        sfiPinRefused = true;
        response = null;
      }
    }
    if (response === null) {
      await selectEf(JPKI_EF.authPin);
      // The empty VERIFY (no Lc, no data) reports the tries left without using one (§2, §5.2 step 3).
      response = await send(verifyCommand(0x80));
    }
    lastPinStatus = pinStatusFrom(response.sw);
    return lastPinStatus;
  }

  /**
   * One VERIFY with `data` (the PIN as ASCII digits; `verifyPin` zero-fills it when this ends, sent or not;
   * the channel zero-fills the encoded APDU when its exchange ends, apdu-channel.ts).
   */
  async function verify(data: Uint8Array): Promise<void> {
    await ensureSelected();
    const known = lastPinStatus ?? (await queryPinStatus());
    if (known.state === 'locked') {
      throw new CardError('card.pin-locked', '暗証番号がロックされています。市区町村の窓口で解除が必要です', {
        triesLeft: 0,
      });
    }
    // A card that still holds a verified state gets the VERIFY too: the typed PIN must be checked.
    await selectEf(JPKI_EF.authPin);
    let response: ResponseApdu;
    try {
      response = await send(verifyCommand(0x80, data), { sensitive: true });
    } catch (error) {
      // Whether the attempt was counted is unknown.
      lastPinStatus = null;
      throw error;
    }
    const status = classifyStatus(response.sw);
    if (status.kind === 'ok') {
      lastPinStatus = { state: 'verified' };
      return;
    }
    if (status.kind === 'verify-tries' && status.triesLeft > 0) {
      lastPinStatus = { state: 'ready', triesLeft: status.triesLeft };
      throw new CardError('card.pin-wrong', `暗証番号が違います（残り ${status.triesLeft} 回）`, {
        sw: response.sw,
        triesLeft: status.triesLeft,
      });
    }
    if (status.kind === 'verify-tries' || status.kind === 'blocked') {
      lastPinStatus = { state: 'locked' };
      throw new CardError('card.pin-locked', '暗証番号がロックされました。市区町村の窓口で解除が必要です', {
        sw: response.sw,
        triesLeft: 0,
      });
    }
    lastPinStatus = null;
    throw unexpected('暗証番号の照合', response.sw);
  }

  async function sign(challenge: Uint8Array): Promise<Uint8Array> {
    await ensureSelected();
    const digestInfo = sha256DigestInfo(challenge);
    let response: ResponseApdu | null = null;
    if (variants.signBySfiKeyReference) {
      currentEf = null;
      response = await send(signCommand(0x80 | JPKI_EF.authKey, digestInfo));
      if (SFI_REFUSED_SW.has(response.sw)) response = null;
    }
    if (response === null) {
      await selectEf(JPKI_EF.authKey);
      response = await send(signCommand(0x80, digestInfo));
    }
    if (response.sw !== SW.ok) throw unexpected('署名', response.sw);
    if (response.data.length !== 256) {
      throw new CardError(
        'card.protocol-error',
        `署名の長さが 256 バイトではありません（${response.data.length}）`,
      );
    }
    return response.data;
  }

  return {
    select: () => exclusive(selectApplication),
    readTokenKind: () =>
      exclusive(async () => {
        await ensureSelected();
        const label = await readStart(JPKI_EF.tokenInfo, TOKEN_LABEL_LENGTH, 'トークン情報の読み取り');
        return parseTokenLabel(label);
      }),
    readAuthCertificate: () =>
      exclusive(async () => {
        await ensureSelected();
        return readCertificate();
      }),
    pinStatus: () =>
      exclusive(async () => {
        await ensureSelected();
        return queryPinStatus();
      }),
    verifyPin: (pin: string) => {
      // Checked before anything is queued or sent (§1.1: 4 ASCII digits).
      const data = pinBytes(pin);
      if (!data) {
        return Promise.reject(new CardError('card.pin-invalid', '暗証番号は数字4桁で入力してください'));
      }
      return exclusive(() => verify(data)).finally(() => data.fill(0));
    },
    signChallenge: (challenge: Uint8Array) => {
      if (!(challenge instanceof Uint8Array) || challenge.length === 0) {
        return Promise.reject(
          new CardError('card.protocol-error', '署名するチャレンジは 1 バイト以上のバイト列が必要です'),
        );
      }
      return exclusive(() => sign(challenge.slice()));
    },
    get apduCount() {
      return channel.count;
    },
  };
}
