// The card protocol reading each virtual card's PIN: a 顔認証マイナンバーカード is "not set", never "locked".
import { describe, expect, it } from 'vitest';
import { createJpkiCard } from '../../../../native/card/jpki-card';
import { createVirtualCard } from '../../../../native/sim/virtual-card';
import type { VirtualCardVariant } from '../../../../native/sim/virtual-card-variants';

async function pinStatusOf(variant: VirtualCardVariant) {
  const virtual = createVirtualCard({ variant });
  virtual.powerOn();
  const card = createJpkiCard(async (apdu) => virtual.process(apdu));
  await card.select();
  return card.pinStatus();
}

describe('PIN state of each virtual card, as the card protocol reads it', () => {
  // oqs-and-insurance.md §3: a 顔認証マイナンバーカード has no PIN (only face auth or 目視); a locked PIN
  // is a PIN that three wrong entries used up. The two need different words on the kiosk.
  it.each([
    ['physical', { state: 'ready', triesLeft: 3 }],
    ['face-auth', { state: 'not-set' }],
    ['locked', { state: 'locked' }],
  ] as const)('%s → %o', async (variant, expected) => {
    expect(await pinStatusOf(variant)).toEqual(expected);
  });
});
