// The APDU channel over an injected transmit: tracing, round-trip counting, 61xx and 6Cxx handling.
import { encodeCommand, formatApdu, formatResponse, parseResponse } from './apdu';
import type { CommandApdu, ResponseApdu } from './apdu';
import { concatBytes } from './bytes';
import { CardError, isCardError } from './card-error';
import { swHex } from './status-words';

/**
 * Sends one command APDU and resolves with the response data followed by SW1 SW2. Transport failures
 * reject with a CardError (`card.removed`, `card.reader-gone`, `card.timeout`). `sensitive` marks an
 * APDU that carries a PIN.
 */
export type Transmit = (apdu: Uint8Array, options?: { sensitive?: boolean }) => Promise<Uint8Array>;

export interface ApduChannel {
  /**
   * Sends one command. `61xx` is followed by GET RESPONSE (`00 C0 00 00 xx`) until the data is
   * complete, `6Cxx` by one resend with Le = xx (my-number-card.md §3, §10 pitfall 6).
   */
  send(command: CommandApdu, options?: { sensitive?: boolean }): Promise<ResponseApdu>;
  /** APDUs put on the wire so far, GET RESPONSE and resends included. */
  readonly count: number;
}

/** 61xx chains longer than this mean a misbehaving card: 256 × 256 bytes is the extended maximum. */
const MAX_GET_RESPONSE_ROUNDS = 256;

const leFromSw2 = (sw2: number): number => (sw2 === 0 ? 256 : sw2);

export function createApduChannel(
  transmit: Transmit,
  options: { trace?: ((line: string) => void) | undefined } = {},
): ApduChannel {
  const trace = options.trace;
  let count = 0;

  async function exchange(apdu: Uint8Array, sensitive: boolean): Promise<ResponseApdu> {
    trace?.(`> ${formatApdu(apdu, { sensitive })}`);
    count += 1;
    let raw: unknown;
    try {
      raw = await transmit(apdu, sensitive ? { sensitive: true } : undefined);
    } catch (error) {
      if (isCardError(error)) {
        trace?.(`! ${error.code}`);
        throw error;
      }
      trace?.('! transmit failed');
      throw new CardError('card.protocol-error', 'カードとの通信に失敗しました', {}, { cause: error });
    } finally {
      // A PIN-bearing APDU does not outlive its exchange.
      if (sensitive) apdu.fill(0);
    }
    if (!(raw instanceof Uint8Array)) {
      throw new CardError('card.protocol-error', 'カードの応答がバイト列ではありません');
    }
    trace?.(`< ${formatResponse(raw)}`);
    const response = parseResponse(raw);
    return { ...response, data: response.data.slice() };
  }

  async function send(
    command: CommandApdu,
    sendOptions: { sensitive?: boolean } = {},
  ): Promise<ResponseApdu> {
    const sensitive = sendOptions.sensitive === true;
    let response = await exchange(encodeCommand(command), sensitive);

    // 6Cxx: the card names the exact Le; only a command that has an Le can be resent with it.
    if (response.sw1 === 0x6c && command.le !== undefined) {
      response = await exchange(encodeCommand({ ...command, le: leFromSw2(response.sw2) }), sensitive);
      if (response.sw1 === 0x6c) {
        throw new CardError(
          'card.protocol-error',
          `カードが Le の訂正を繰り返しました（${swHex(response.sw)}）`,
          {
            sw: response.sw,
          },
        );
      }
    }

    // 61xx: more data waits; fetch it with GET RESPONSE and append.
    let data = response.data;
    for (let round = 0; response.sw1 === 0x61; round++) {
      if (round >= MAX_GET_RESPONSE_ROUNDS) {
        throw new CardError('card.protocol-error', 'GET RESPONSE が終わりません', { sw: response.sw });
      }
      const getResponse = { cla: 0x00, ins: 0xc0, p1: 0x00, p2: 0x00, le: leFromSw2(response.sw2) };
      response = await exchange(encodeCommand(getResponse), false);
      if (response.sw1 === 0x6c) {
        response = await exchange(encodeCommand({ ...getResponse, le: leFromSw2(response.sw2) }), false);
      }
      data = concatBytes(data, response.data);
    }
    return { ...response, data };
  }

  return {
    send,
    get count() {
      return count;
    },
  };
}
