// 限度額 under today's law: passed on without asking by default; withheld everywhere when a patient declines its use.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaceOutbox, withFaceOutbox } from '../../../../../electron/core/gateway/face-outbox';
import type { QualificationGateway } from '../../../../../electron/core/gateway/qualification-gateway';
import { parseResultXml } from '../../../../../electron/core/gateway/xml/result-mapper';
import { withoutLimit } from '../../../../../electron/core/session/limit-use';
import type { SessionSettings } from '../../../../../electron/core/session/checkin-session';
import { NOW, person, result, type FakeGateway } from './fakes';
import { createHarness } from './harness';

/** The fake system as a plain object of closures, as the real adapters are (the outbox wrapper copies it). */
const plain = (fake: FakeGateway): QualificationGateway => ({
  kind: fake.kind,
  confirm: (request, signal) => fake.confirm(request, signal),
  isRegistered: (certificate, signal) => fake.isRegistered(certificate, signal),
  register: (request, signal) => fake.register(request, signal),
  health: () => fake.health(),
  close: () => fake.close(),
});

/**
 * A kiosk whose system, like the real one since 2024-10-07 (oqs-and-insurance.md §3), sends the 限度額
 * block whatever the request's flag says, with the face outbox writing real files into a temp folder.
 */
async function kioskWithOutbox(settings: Partial<SessionSettings>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-limit-'));
  // 0110113719: the 医療機関コード example of oqs-and-insurance.md §7.
  const outbox = createFaceOutbox({ dir, medicalInstitutionCode: '0110113719', clock: () => NOW });
  const h = createHarness({ settings, wrapGateway: (fake) => withFaceOutbox(plain(fake), outbox) });
  h.gateway.answer = async () => result();
  const faceFiles = async () => {
    const names = await readdir(dir);
    return Promise.all(
      names.map(async (name) =>
        parseResultXml(await readFile(path.join(dir, name)), { gateway: 'simulator' }),
      ),
    );
  };
  return { h, faceFiles };
}

describe('withoutLimit', () => {
  it('drops every person’s 限度額 block and keeps the rest, leaving the answer as it came', () => {
    const answer = result({ validity: 5, persons: [person(), person({ name: '山田 花子' })] });
    const kept = withoutLimit(answer);
    expect(kept.persons.map((p) => p.limit)).toEqual([undefined, undefined]);
    expect(kept.persons.map((p) => [p.name, p.copayTenths])).toEqual([
      ['山田 太郎', 3],
      ['山田 花子', 3],
    ]);
    expect(kept.validity).toBe(5);
    expect(answer.persons[0]?.limit?.classFlag).toBe('A03');
  });
});

describe('限度額 at the desk', () => {
  it('by default nobody is asked: the flag says 1 and the class reaches staff, the log and the face file', async () => {
    const { h, faceFiles } = await kioskWithOutbox({});
    await h.toResult();
    expect(h.screens.map((s) => s.name)).not.toContain('limit-consent');
    const request = h.gateway.requests[0];
    expect(request?.route !== 'keyed' && request?.limitConsent).toBe(true);
    expect(h.log.rows[0]).toMatchObject({ outcome: 'confirmed', limitClass: 'A03', copayTenths: 3 });
    expect(h.log.rows[0]?.limitConsent).toBeUndefined();
    const [face] = await faceFiles();
    expect(face?.persons[0]?.limit).toMatchObject({ classification: '01', classFlag: 'A03' });
  });

  it('a clinic that asks, and a patient who agrees: the class is used as by default, the answer on record', async () => {
    const { h, faceFiles } = await kioskWithOutbox({ limitConsentScreen: true });
    await h.toConsent();
    h.session().consentAll(true);
    expect(h.name()).toBe('limit-consent');
    h.session().limitChoose(true);
    await h.settle();
    expect(h.log.rows[0]).toMatchObject({ limitClass: 'A03', limitConsent: { agreed: true } });
    expect((await faceFiles())[0]?.persons[0]?.limit?.classFlag).toBe('A03');
  });

  it('a patient who declines: not on the screen, not in the log row (which records the refusal), not in the face file', async () => {
    const { h, faceFiles } = await kioskWithOutbox({
      limitConsentScreen: true,
      // Even where the clinic shows money matters on the kiosk, a declined class is not among them.
      resultShowsCopayAndLimit: true,
    });
    await h.toConsent();
    h.session().consentAll(true);
    h.clock.advance(2_000);
    h.session().limitChoose(false);
    await h.settle();
    const request = h.gateway.requests[0];
    expect(request?.route !== 'keyed' && request?.limitConsent).toBe(false);
    expect(h.screen()).toMatchObject({
      name: 'result',
      outcome: 'confirmed',
      person: { name: '山田 太郎', nameNeedsStaffCheck: false, copayTenths: 3 },
    });
    expect(JSON.stringify(h.screen())).not.toContain('区分ウ');
    const row = h.log.rows[0];
    expect(row).toMatchObject({
      outcome: 'confirmed',
      copayTenths: 3,
      limitConsent: { agreed: false, at: h.clock.now().toISOString() },
    });
    expect(row?.limitClass).toBeUndefined();
    const [face] = await faceFiles();
    expect(face?.persons[0]?.name).toBe('山田 太郎');
    expect(face?.persons[0]?.limit).toBeUndefined();
  });
});
