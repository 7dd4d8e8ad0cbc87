import { constants, createPrivateKey, privateEncrypt, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../native/card/bytes';
import { sha256DigestInfo } from '../../../../native/card/digest-info';
import { fixturePrivateKeyPem } from './replay-transmit';

describe('sha256DigestInfo', () => {
  it('is the 51-byte DigestInfo of §2.1', () => {
    const info = sha256DigestInfo(new TextEncoder().encode('abc'));
    expect(info.length).toBe(51);
    expect(toHex(info, '')).toBe(
      '3031300D060960864801650304020105000420' +
        'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD',
    );
  });

  it('padded and signed the way the card does, equals an RSA-SHA256 signature of node:crypto', () => {
    const key = createPrivateKey(fixturePrivateKeyPem());
    const message = new TextEncoder().encode('challenge');
    const byCard = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(message));
    expect(byCard).toEqual(sign('sha256', message, key));
  });
});
