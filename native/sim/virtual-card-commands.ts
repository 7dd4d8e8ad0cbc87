// The virtual card's command handlers: SELECT, READ BINARY, VERIFY, CHANGE REFERENCE DATA, signature, GET RESPONSE (my-number-card.md §2, §3).
import { constants, privateEncrypt, type KeyObject } from 'node:crypto';
import { NO_PIN_SET_SW } from '../card/jpki-card';
import {
  equalBytes,
  parseCommand,
  respond,
  status,
  sw,
  triesLeftSw,
  type Command,
} from './virtual-card-apdu';
import { jpkiAid, type EfEntry } from './virtual-card-files';
import { maxTries, pinPattern, signPasswordPattern, type PinCounters, type PinId } from './virtual-card-pins';
import type { TokenRules } from './virtual-card-variants';

/** §2.1: P1 = 00 (PKCS#1 v1.5 over the DigestInfo sent) is the only scheme implemented; max input 256 − 11. */
const maxSignatureInput = 245;

export interface CardSetup {
  /** False for `not-my-number`: the JPKI AP is absent. */
  isJpki: boolean;
  rules: TokenRules;
  files: ReadonlyMap<number, EfEntry>;
  /**
   * The secrets; null = none was ever set (face-auth's PIN). Every VERIFY of it answers NO_PIN_SET_SW, the
   * reader's unconfirmed guess at what a 顔認証マイナンバーカード answers, kept in one place.
   */
  pins: Record<PinId, Uint8Array | null>;
  keys: Record<PinId, KeyObject>;
  counters: PinCounters;
}

export interface CommandProcessor {
  /** One command APDU → response data + SW1 SW2. */
  process(apdu: Uint8Array): Uint8Array;
  /** Power loss or reset: clears the selected AP and EF, every verified state and any pending response. */
  clear(): void;
}

/** The JPKI AP's command set over one card's files, secrets and counters; holds the volatile card state. */
export function createCommandProcessor(setup: CardSetup): CommandProcessor {
  const { isJpki, rules, files, pins, keys, counters } = setup;
  let jpkiSelected = false;
  let currentEf: number | undefined;
  const verified = new Set<PinId>();
  let pending: Uint8Array | undefined;

  const clear = (): void => {
    jpkiSelected = false;
    currentEf = undefined;
    verified.clear();
    pending = undefined;
  };

  /** Resolves the EF a command names: P-byte SFI form (0x80 | SFI) or the current EF. */
  const efFor = (sfiByte: number | undefined): { fid: number; entry: EfEntry } | number => {
    if (!jpkiSelected) return sfiByte === undefined ? sw.noCurrentEf : sw.notFound;
    const fid = sfiByte ?? currentEf;
    if (fid === undefined) return sw.noCurrentEf;
    const entry = files.get(fid);
    return entry ? { fid, entry } : sw.notFound;
  };

  const select = (c: Command): Uint8Array => {
    if (c.ne !== undefined && c.data.length === 0) return status(sw.wrongLength);
    if (c.p2 !== 0x0c && c.p2 !== 0x00) return status(sw.wrongP1P2);
    if (c.p1 === 0x04) {
      if (c.data.length === 0) return status(sw.wrongLength);
      if (!isJpki || !equalBytes(c.data, jpkiAid)) return status(sw.notFound);
      jpkiSelected = true;
      currentEf = undefined;
      return status(sw.ok);
    }
    if (c.p1 === 0x02) {
      if (c.data.length !== 2) return status(sw.wrongLength);
      if (!jpkiSelected) return status(sw.notFound);
      const fid = ((c.data[0] ?? 0) << 8) | (c.data[1] ?? 0);
      if (!files.has(fid)) return status(sw.notFound);
      currentEf = fid;
      return status(sw.ok);
    }
    // §3: e.g. `00 A4 00 00` (select MF) is refused with 6A86.
    return status(sw.wrongP1P2);
  };

  const readBinary = (c: Command): Uint8Array => {
    if (c.data.length > 0 || c.ne === undefined) return status(sw.wrongLength);
    let sfi: number | undefined;
    let offset: number;
    if (c.p1 & 0x80) {
      if (c.p1 & 0x60) return status(sw.wrongP1P2);
      sfi = c.p1 & 0x1f;
      offset = c.p2;
    } else {
      offset = (c.p1 << 8) | c.p2;
    }
    const target = efFor(sfi);
    if (typeof target === 'number') return status(target);
    if (sfi !== undefined) currentEf = target.fid; // the SFI form selects the EF (§5.1 step 4)
    const { entry } = target;
    if (entry.kind !== 'binary') return status(sw.incompatibleFile);
    if (entry.needs && !verified.has(entry.needs)) return status(sw.securityStatus);
    if (offset >= entry.data.length) return status(sw.offsetBeyondEnd);
    const available = entry.data.length - offset;
    const chunk = entry.data.subarray(offset, offset + Math.min(available, c.ne));
    // Extended Le 0000 asks for "everything up to 65536": the whole rest of the file is a normal answer (§2).
    const wholeFile = c.extended && c.ne === 65536;
    return respond(chunk, c.ne > available && !wholeFile ? sw.eofBeforeLe : sw.ok);
  };

  const pinFor = (c: Command): PinId | number => {
    if (c.p2 === 0x80) {
      const target = efFor(undefined);
      if (typeof target === 'number') return target;
      return target.entry.kind === 'pin' ? target.entry.pin : sw.incompatibleFile;
    }
    if (c.p2 & 0x80 && !(c.p2 & 0x60)) {
      const target = efFor(c.p2 & 0x1f);
      if (typeof target === 'number') return target;
      return target.entry.kind === 'pin' ? target.entry.pin : sw.incompatibleFile;
    }
    return sw.wrongP1P2;
  };

  const verify = (c: Command): Uint8Array => {
    if (c.p1 !== 0x00) return status(sw.wrongP1P2);
    if (c.ne !== undefined) return status(sw.wrongLength);
    const pin = pinFor(c);
    if (typeof pin === 'number') return status(pin);
    const reference = pins[pin];
    if (reference === null) return status(NO_PIN_SET_SW);
    const left = counters.tries(pin);
    if (c.data.length === 0) {
      // §2: the empty VERIFY reports the tries left without using one; 9000 while verified.
      return status(verified.has(pin) ? sw.ok : triesLeftSw(left));
    }
    if (left === 0) return status(sw.referenceDataUnusable);
    if (equalBytes(c.data, reference)) {
      if (left !== maxTries[pin]) counters.setTries(pin, maxTries[pin]);
      verified.add(pin);
      return status(sw.ok);
    }
    verified.delete(pin);
    counters.setTries(pin, left - 1);
    return status(triesLeftSw(left - 1));
  };

  const changeReferenceData = (c: Command): Uint8Array => {
    if (c.p1 !== 0x01) return status(sw.wrongP1P2);
    if (c.ne !== undefined || c.data.length === 0) return status(sw.wrongLength);
    const pin = pinFor(c);
    if (typeof pin === 'number') return status(pin);
    if (pins[pin] === null) return status(NO_PIN_SET_SW);
    if (counters.tries(pin) === 0) return status(sw.referenceDataUnusable);
    if (!verified.has(pin)) return status(sw.securityStatus);
    const text = Buffer.from(c.data).toString('latin1');
    if (!(pin === 'auth' ? pinPattern : signPasswordPattern).test(text)) return status(sw.wrongData);
    pins[pin] = Uint8Array.from(c.data);
    return status(sw.ok);
  };

  /** Sends `data` as far as Ne allows; the rest waits for GET RESPONSE (61xx, §3). */
  const withResponse = (data: Uint8Array, ne: number | undefined): Uint8Array => {
    const take = Math.min(ne ?? 0, data.length);
    const rest = data.subarray(take);
    if (rest.length === 0) return respond(data, sw.ok);
    pending = rest;
    return respond(data.subarray(0, take), 0x6100 | (rest.length >= 256 ? 0 : rest.length));
  };

  const computeSignature = (c: Command): Uint8Array => {
    if (c.p1 !== 0x00) return status(sw.wrongP1P2);
    let target: ReturnType<typeof efFor>;
    if (c.p2 === 0x80) target = efFor(undefined);
    else if (c.p2 === 0x97 || c.p2 === 0x9a)
      target = efFor(c.p2 & 0x1f); // SFI forms (§2, unconfirmed)
    else return status(sw.wrongP1P2);
    if (typeof target === 'number') return status(target);
    if (target.entry.kind !== 'key') return status(sw.incompatibleFile);
    if (c.data.length === 0) return status(sw.wrongLength);
    if (c.data.length > maxSignatureInput) return status(sw.conditionsNotSatisfied);
    const key = target.entry.key;
    if (!verified.has(key)) return status(sw.securityStatus);
    // §2.1: PKCS#1 v1.5 (block type 1) over the DigestInfo exactly as sent.
    const signature = privateEncrypt({ key: keys[key], padding: constants.RSA_PKCS1_PADDING }, c.data);
    return withResponse(new Uint8Array(signature), c.ne);
  };

  const getResponse = (c: Command): Uint8Array => {
    if (c.p1 !== 0 || c.p2 !== 0) return status(sw.wrongP1P2);
    if (c.ne === undefined || c.data.length > 0) return status(sw.wrongLength);
    const rest = pending;
    pending = undefined;
    if (!rest) return status(sw.conditionsNotSatisfied);
    return withResponse(rest, c.ne);
  };

  const dispatch = (c: Command): Uint8Array => {
    // §1.4: only logical channel 0 (channels 1–3 in CLA bits 1–2, 4–19 in the further interindustry class).
    if (((c.cla & 0x7c) === 0 && (c.cla & 0x03) !== 0) || (c.cla & 0xc0) === 0x40) {
      return status(sw.channelNotSupported);
    }
    if (c.cla !== 0x00 && c.cla !== 0x80) return status(sw.claNotSupported);
    const proprietary = c.cla === 0x80;
    switch (c.ins) {
      case 0xa4:
        return proprietary ? status(sw.claNotSupported) : select(c);
      case 0xb0:
        return proprietary ? status(sw.claNotSupported) : readBinary(c);
      case 0x20:
        return proprietary ? status(sw.claNotSupported) : verify(c);
      case 0x24:
        return proprietary ? status(sw.claNotSupported) : changeReferenceData(c);
      case 0xc0:
        return proprietary ? status(sw.claNotSupported) : getResponse(c);
      case 0x2a:
        return proprietary ? computeSignature(c) : status(sw.claNotSupported);
      case 0xfc:
        // §6.1 item 3: "last command indicator" of the iPhone profile (unconfirmed).
        if (!proprietary) return status(sw.claNotSupported);
        return rules.acceptsLastCommandIndicator && isJpki ? status(sw.ok) : status(sw.wrongLength);
      default:
        return status(sw.insNotSupported);
    }
  };

  return {
    clear,
    process(apdu) {
      const command = parseCommand(apdu);
      if (!command) {
        pending = undefined;
        return status(sw.wrongLength);
      }
      // Any command but GET RESPONSE drops a response still waiting (§3).
      if (command.ins !== 0xc0) pending = undefined;
      return dispatch(command);
    },
  };
}
