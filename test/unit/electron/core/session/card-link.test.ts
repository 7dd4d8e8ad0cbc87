// The card link: SHARED then EXCLUSIVE, one signal for every card step, release and wiping.
import { describe, expect, it } from 'vitest';
import { CHALLENGE_BYTES, CardLink } from '../../../../../electron/core/session/card-link';
import { AttemptAborted } from '../../../../../electron/core/session/error-mapping';
import { FakeCardState, FakeReader, Gate, fakeOpenCard } from './fakes';

function setup(spec = {}) {
  const reader = new FakeReader();
  const card = new FakeCardState(spec);
  reader.insert('R1', card);
  const abort = new AbortController();
  const link = new CardLink(
    { reader: 'R1', port: reader, openCard: fakeOpenCard(reader), random: (n) => new Uint8Array(n).fill(7) },
    abort.signal,
  );
  return { reader, card, abort, link };
}

describe('card link', () => {
  it('reads on SHARED, verifies and signs on EXCLUSIVE, and wipes what it held', async () => {
    const { reader, card, link } = setup();
    await link.openShared();
    await link.readTokenKind();
    await link.readPinStatus();
    const certificate = await link.readCertificate(true);
    expect(reader.openMode()).toBe('shared');
    expect(link.tokenKind).toBe('card');
    expect(link.pinState).toEqual({ state: 'ready', triesLeft: 3 });

    await link.useExclusive();
    expect(reader.openMode()).toBe('exclusive');
    await link.verifyPin('1234');
    expect(link.pinState).toEqual({ state: 'verified' });
    await link.signFresh();
    expect(card.challenges[0]).toHaveLength(CHALLENGE_BYTES);
    const { challenge, signature } = link;

    link.wipe();
    expect(reader.connections.every((c) => c.disconnected)).toBe(true);
    expect(certificate?.der.every((b) => b === 0)).toBe(true);
    expect(challenge?.every((b) => b === 0)).toBe(true);
    expect(signature?.every((b) => b === 0)).toBe(true);
    expect(link.certificate ?? link.challenge ?? link.signature ?? link.pinState).toBeUndefined();
    expect(link.tokenKind).toBeNull();
    expect(link.open).toBe(false);
  });

  it('a phone may refuse its certificate before the PIN (my-number-card.md §6.1)', async () => {
    const { link } = setup({ tokenKind: 'android', certificateNeedsPin: true });
    await link.openShared();
    expect(await link.readCertificate(true)).toBeUndefined();
    await expect(link.readCertificate(false)).rejects.toMatchObject({ code: 'card.security-status' });
  });

  it('a certificate read after the attempt aborted is zero-filled and dropped', async () => {
    const gate = new Gate();
    const { card, abort, link } = setup({ readGate: gate });
    await link.openShared();
    const reading = link.readCertificate(true);
    abort.abort(new AttemptAborted());
    gate.open();
    await expect(reading).rejects.toBeInstanceOf(AttemptAborted);
    expect(link.certificate).toBeUndefined();
    expect(card.certificates[0]?.der.every((b) => b === 0)).toBe(true);
  });

  it('a connect under way stops waiting when the attempt aborts: the abort reason, no connection', async () => {
    const { reader, abort, link } = setup();
    reader.hold = new Gate();
    const opening = link.openShared();
    const reason = new AttemptAborted();
    abort.abort(reason);
    await expect(opening).rejects.toBe(reason);
    expect(reader.connectSignals[0]?.aborted).toBe(true);
    expect(reader.connections).toHaveLength(0);
    expect(link.open).toBe(false);
  });

  it('a connection a port still makes after the attempt aborted is powered off, not kept', async () => {
    const { reader, abort, link } = setup();
    reader.honoursSignal = false;
    reader.hold = new Gate();
    const opening = link.openShared();
    abort.abort(new AttemptAborted());
    reader.hold.open();
    await expect(opening).rejects.toBeInstanceOf(AttemptAborted);
    expect(reader.connections).toHaveLength(1);
    expect(reader.connections[0]?.disconnected).toBe(true);
    expect(link.open).toBe(false);
  });

  it('a wrong PIN is the card error; after an abort, the abort reason', async () => {
    const { abort, link } = setup();
    await link.openShared();
    await link.useExclusive();
    await expect(link.verifyPin('0000')).rejects.toMatchObject({ code: 'card.pin-wrong' });
    abort.abort(new AttemptAborted());
    await expect(link.verifyPin('0000')).rejects.toBeInstanceOf(AttemptAborted);
  });
});
