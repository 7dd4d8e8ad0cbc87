// The simulator gateway: every simulated case on the keyed and card routes, the request header echoed, 限度額 by date, registration, faults and latency.
import { describe, expect, it } from 'vitest';
import { type QualificationResult } from '../../../../../../electron/core/gateway/qualification-gateway';
import {
  simulatedCardHolders,
  simulatedPeople,
} from '../../../../../../electron/core/gateway/simulator/people';
import {
  createSimulatorGateway,
  outcomeToDocument,
} from '../../../../../../electron/core/gateway/simulator/simulator-gateway';
import { limitClassLabels } from '../../../../../../electron/core/gateway/xml/codes';
import {
  readResultDocument,
  writeResultDocument,
} from '../../../../../../electron/core/gateway/xml/result-document';
import { fixedClock, makeTestCard } from '../support/test-cards';
import { asyncRejection as rejection } from '../support/gateway-rejection';
import { keyedFor } from '../support/keyed-request';

const byId = (id: string) => {
  const entry = simulatedPeople.find((p) => p.id === id);
  if (!entry) throw new Error(`no person ${id}`);
  return entry;
};

const challenge = new Uint8Array(32).map((_, i) => i * 7);

/** Another clinic's 医療機関コード, valid under the §7 check digit: 13 1 01 2345 → 2-1 weights from the right give 22 → 8. */
const OTHER_INSTITUTION = '1310123458';
/** 2026-04-01 10:00 JST. */
const april2026 = (): Date => new Date('2026-04-01T01:00:00Z');

describe('simulated people', () => {
  it('cover every validity, copay ratio, 限度額 class, 70+ and 後期高齢者, 特定疾病 and ●', () => {
    const answerable = simulatedPeople.filter((p) => !p.answer);
    expect(new Set(answerable.map((p) => p.validity))).toEqual(new Set([1, 2, 3, 6]));
    expect(new Set(simulatedPeople.map((p) => p.person.copayTenths).filter(Boolean))).toEqual(
      new Set([1, 2, 3]),
    );
    const classes = new Set(simulatedPeople.map((p) => p.person.limit?.classFlag).filter(Boolean));
    expect([...classes].sort()).toEqual(Object.keys(limitClassLabels).sort());
    expect(simulatedPeople.some((p) => p.person.elderly)).toBe(true);
    expect(simulatedPeople.some((p) => p.person.insurerNumber.startsWith('39'))).toBe(true);
    expect(simulatedPeople.some((p) => p.person.specificDiseases.length > 0)).toBe(true);
    expect(simulatedPeople.some((p) => p.person.nameHasUnrenderable)).toBe(true);
    expect(simulatedPeople.some((p) => p.registered === false)).toBe(true);
  });

  it('are shaped like real answers: a ratio element only for 後期高齢者 (§2.2)', () => {
    for (const { id, person } of simulatedPeople) {
      const lateElderly = person.insurerNumber.startsWith('39');
      expect(person.copayTenths !== undefined, id).toBe(
        lateElderly && person.contributionRatio !== undefined,
      );
      if (!lateElderly) expect(person.contributionRatio, id).toBeUndefined();
    }
    const under70 = (p: (typeof simulatedPeople)[number]) => Number(p.person.birthdate.slice(0, 4)) > 1956;
    expect(
      simulatedPeople.some((p) => under70(p) && !p.person.elderly && p.person.cardClassification === '01'),
    ).toBe(true);
    expect(simulatedPeople.some((p) => p.person.preschool === '1')).toBe(true);
    expect(
      simulatedPeople.filter((p) => p.person.elderly).map((p) => p.person.elderly?.contributionRatio),
    ).toEqual(expect.arrayContaining(['020', '030']));
    expect(simulatedPeople.map((p) => p.person.birthdate)).toEqual(
      expect.arrayContaining(['20200401', '20200402']),
    );
  });

  it('hold 医療扶助 in both layouts: 公費 numbers in their own elements, and in the insurer fields with a 医療券', () => {
    const aid = simulatedPeople.filter((p) => p.person.cardClassification === 'A1');
    const own = aid.find((p) => p.person.insurerNumber === '');
    const inInsurer = aid.find((p) => p.person.insurerNumber !== '');
    expect(own?.person).toMatchObject({ publicExpenseNumber: '12130019', beneficiaryNumber: '1234566' });
    expect(inInsurer?.person).toMatchObject({
      insurerNumber: '12131017',
      number: '2345676',
      publicExpenseNumber: '12131017',
      beneficiaryNumber: '2345676',
    });
    expect(inInsurer?.person.medicalTickets).toHaveLength(1);
    if (!inInsurer) throw new Error('no 医療扶助 person with the numbers in the insurer fields');
    const bytes = writeResultDocument(
      outcomeToDocument({
        kind: 'result',
        result: {
          gateway: 'simulator',
          requestId: 'AID',
          processedAt: '2026-11-27T10:00:00+09:00',
          validity: 1,
          persons: [inInsurer.person],
          consents: {},
        },
      }),
      'utf8',
    );
    const fields = readResultDocument(bytes).results[0]?.fields;
    expect([fields?.InsurerNumber, fields?.PublicExpenseNumber]).toEqual(['12131017', undefined]);
  });

  it('give every person a distinct card serial, listed for a simulator panel', () => {
    const serials = simulatedCardHolders.map((c) => c.serialHex);
    expect(new Set(serials).size).toBe(simulatedPeople.length);
    for (const serial of serials) expect(serial).toMatch(/^[1-9a-f][0-9a-f]*$/);
    expect(simulatedCardHolders[0]).toEqual({
      serialHex: '5001',
      personId: 'p01',
      label: expect.stringContaining('試験'),
    });
  });
});

describe('simulator gateway: keyed route', () => {
  const gateway = () => createSimulatorGateway({ clock: fixedClock });

  it.each(
    simulatedPeople
      .filter((p) => !p.answer && p.person.insurerNumber !== '' && p.id !== 'p13' && p.id !== 'p14')
      .map((p) => [p.id, p.label]),
  )('answers %s (%s) with its validity and person', async (id) => {
    const entry = byId(id);
    const result = await gateway().confirm(keyedFor(id));
    expect(result.validity).toBe(entry.validity);
    expect(result.referenceClassification).toBe('2');
    expect(result.persons).toEqual([entry.person]);
    expect(result.processedAt).toBe('2026-11-27T10:00:00+09:00');
  });

  it('answers a ratio only for 後期高齢者, the 70–74 ratio in the 高齢受給者証, and the 限度額 label', async () => {
    const gw = gateway();
    const p01 = (await gw.confirm(keyedFor('p01'))).persons[0];
    expect([p01?.copayTenths, p01?.contributionRatio, p01?.limit?.label]).toEqual([
      undefined,
      undefined,
      '区分ウ',
    ]);
    const p05 = (await gw.confirm(keyedFor('p05'))).persons[0];
    expect([
      p05?.insurerNumber.slice(0, 2),
      p05?.copayTenths,
      p05?.contributionRatio,
      p05?.limit?.label,
    ]).toEqual(['39', 1, '010', '一般Ⅰ']);
    const p04 = (await gw.confirm(keyedFor('p04'))).persons[0];
    expect([p04?.copayTenths, p04?.elderly?.contributionRatio]).toEqual([undefined, '020']);
  });

  it('gives 限度額 information without consent from 2024-10-07 on, and withholds it only before (§3)', async () => {
    const at = (day: string) => () => new Date(`${day}T01:00:00Z`);
    // p01 is written as of fiscal year 2026 (born 1985-04-12); in fiscal year 2024 the same person was
    // born two years earlier (population-year.ts), and the system is asked with that date of birth.
    const fy2024 = { birthdate: '19830412' };
    for (const [day, shown] of [
      ['2024-10-06', false],
      ['2024-10-07', true],
      ['2026-11-27', true],
    ] as const) {
      const keyed = keyedFor('p01', { limitConsent: false, ...(day.startsWith('2024') ? fy2024 : {}) });
      const result = await createSimulatorGateway({ clock: at(day) }).confirm(keyed);
      expect(result.persons[0]?.limit?.classFlag, day).toBe(shown ? 'A03' : undefined);
      expect(result.limitConsent, day).toEqual({ agreed: false, flag: '0' });
    }
    const consented = await createSimulatorGateway({ clock: at('2024-10-06') }).confirm(
      keyedFor('p01', fy2024),
    );
    expect(consented.persons[0]?.limit?.classFlag).toBe('A03');
    expect(consented.limitConsent).toEqual({ agreed: true, flag: '1', consentTime: '20241006100000' });
  });

  it('judges 限度額 by the confirmation date of the request, not the day it is processed', () => {
    const gw = gateway();
    // Both dates are in fiscal year 2024, when p01 (born 1985-04-12 as of 2026) was born in 1983.
    const withoutConsent = keyedFor('p01', { limitConsent: false, birthdate: '19830412' });
    const before = gw.decide(withoutConsent, { confirmationDate: '20241006' });
    const after = gw.decide(withoutConsent, { confirmationDate: '20241007' });
    if (before.kind !== 'result' || after.kind !== 'result') throw new Error('expected results');
    expect([before.result.persons[0]?.limit, after.result.persons[0]?.limit?.classFlag]).toEqual([
      undefined,
      'A03',
    ]);
  });

  it('answers 4 for unknown numbers and 5 for twins keyed without 枝番', async () => {
    const gw = gateway();
    const none = await gw.confirm(keyedFor('p01', { number: '999999' }));
    expect([none.validity, none.persons]).toEqual([4, []]);
    const twins = await gw.confirm(keyedFor('p13', { branch: undefined }));
    expect(twins.validity).toBe(5);
    expect(twins.persons.map((p) => p.name)).toEqual(['見本　双葉', '見本　若葉']);
    const one = await gw.confirm(keyedFor('p14'));
    expect([one.validity, one.persons.map((p) => p.name)]).toEqual([1, ['見本　若葉']]);
  });

  it('matches a 6-digit 国保 number also when keyed zero-padded', async () => {
    const result = await gateway().confirm(keyedFor('p03', { insurerNumber: '00138057' }));
    expect(result.persons[0]?.name).toBe('模擬　小太郎');
  });

  it('answers "processing" and system errors as GatewayError', async () => {
    const gw = gateway();
    expect((await rejection(gw.confirm(keyedFor('p15')))).code).toBe('gateway.processing');
    const error = await rejection(gw.confirm(keyedFor('p16')));
    expect([error.code, error.systemCode]).toEqual(['gateway.rejected', '4151']);
  });

  it('is deterministic', async () => {
    const a = await gateway().confirm(keyedFor('p08'));
    const b = await gateway().confirm(keyedFor('p08'));
    expect(a).toEqual(b);
  });
});

describe('simulator gateway: card route', () => {
  const p01Card = makeTestCard(0x5001n);
  const unregistered = makeTestCard(BigInt('0x' + byId('p17').certificateSerial));
  const stranger = makeTestCard(0xabcdefn);

  it('confirms a PIN route with a valid signature and records the consents for 24 h', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const result: QualificationResult = await gw.confirm({
      route: 'card-pin',
      certificate: p01Card.certificate,
      challenge,
      signature: p01Card.signChallenge(challenge),
      tokenKind: 'card',
      limitConsent: true,
      consents: { medication: true, checkup: false },
    });
    expect(result.referenceClassification).toBe('1');
    expect(result.persons[0]?.name).toBe('試験　太郎');
    expect(result.consents).toEqual({
      medication: {
        agreed: true,
        flag: '1',
        consentTime: '20261127100000',
        availableUntil: '20261128100000',
      },
      checkup: { agreed: false, flag: '0' },
    });
  });

  it('writes a consent triple only for items the patient answered; a refusal carries no times (§2.5)', () => {
    const outcome = createSimulatorGateway({ clock: fixedClock }).decide({
      route: 'card-visual',
      certificate: p01Card.certificate,
      tokenKind: 'card',
      limitConsent: false,
      consents: { medication: true, diagnosis: false },
    });
    if (outcome.kind !== 'result') throw new Error('expected a result');
    const fields = readResultDocument(writeResultDocument(outcomeToDocument(outcome), 'utf8')).results[0]
      ?.fields;
    const consentElements = Object.entries(fields ?? {})
      .filter(([name]) => /Cons(Flg|Time)|AvailableTime/.test(name))
      .sort(([a], [b]) => a.localeCompare(b));
    expect(Object.fromEntries(consentElements)).toEqual({
      DiagnosisInfoConsFlg: '0',
      LimitApplicationCertificateRelatedConsFlg: '0',
      PharmacistsInfoAvailableTime: '20261128100000',
      PharmacistsInfoConsFlg: '1',
      PharmacistsInfoConsTime: '20261127100000',
    });
  });

  it('rejects a wrong or missing signature', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const base = {
      route: 'card-pin' as const,
      certificate: p01Card.certificate,
      tokenKind: 'card' as const,
      limitConsent: false,
    };
    const otherKey = stranger.signChallenge(challenge);
    expect((await rejection(gw.confirm({ ...base, challenge, signature: otherKey }))).code).toBe(
      'gateway.signature-invalid',
    );
    expect((await rejection(gw.confirm({ ...base, challenge }))).code).toBe('gateway.signature-invalid');
    const tampered = Uint8Array.from(challenge, (b, i) => (i === 0 ? b ^ 1 : b));
    const signed = p01Card.signChallenge(challenge);
    expect((await rejection(gw.confirm({ ...base, challenge: tampered, signature: signed }))).code).toBe(
      'gateway.signature-invalid',
    );
  });

  it('confirms a visual check without a signature, and answers 4 for an unknown card', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const visual = { route: 'card-visual' as const, tokenKind: 'card' as const, limitConsent: false };
    expect((await gw.confirm({ ...visual, certificate: p01Card.certificate })).persons[0]?.name).toBe(
      '試験　太郎',
    );
    const unknown = await gw.confirm({ ...visual, certificate: stranger.certificate });
    expect([unknown.validity, unknown.persons]).toEqual([4, []]);
    expect(await gw.isRegistered(stranger.certificate)).toBe(true);
  });

  it('answers 6 (有効・未登録) for the 医療扶助 card holder, with the public-expense numbers', async () => {
    const entry = byId('p12');
    const card = makeTestCard(BigInt('0x' + entry.certificateSerial));
    const result = await createSimulatorGateway({ clock: fixedClock }).confirm({
      route: 'card-visual',
      certificate: card.certificate,
      tokenKind: 'card',
      limitConsent: false,
    });
    expect([result.validity, result.validityLabel]).toEqual([6, '有効（未登録）']);
    expect(result.persons[0]).toMatchObject({
      cardClassification: 'A1',
      publicExpenseNumber: '12130019',
      beneficiaryNumber: '1234566',
    });
  });

  it('rejects a certificate that is not X.509', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const error = await rejection(
      gw.confirm({
        route: 'card-visual',
        certificate: new Uint8Array([0x30, 0x03, 1, 2, 3]),
        tokenKind: 'card',
        limitConsent: false,
      }),
    );
    expect(error.code).toBe('gateway.certificate-invalid');
  });

  it('refuses an unregistered card until it is registered, per gateway instance', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const request = {
      route: 'card-pin' as const,
      certificate: unregistered.certificate,
      challenge,
      signature: unregistered.signChallenge(challenge),
      tokenKind: 'card' as const,
      limitConsent: true,
    };
    expect(await gw.isRegistered(unregistered.certificate)).toBe(false);
    expect((await rejection(gw.confirm(request))).code).toBe('gateway.not-registered');
    expect(
      (
        await rejection(
          gw.register({
            route: 'card-pin',
            certificate: unregistered.certificate,
            challenge,
            signature: stranger.signChallenge(challenge),
          }),
        )
      ).code,
    ).toBe('gateway.signature-invalid');
    await gw.register({
      route: 'card-pin',
      certificate: unregistered.certificate,
      challenge,
      signature: unregistered.signChallenge(challenge),
    });
    expect(await gw.isRegistered(unregistered.certificate)).toBe(true);
    expect((await gw.confirm(request)).persons[0]?.name).toBe('試験　未登');
    const fresh = createSimulatorGateway({ clock: fixedClock });
    expect(await fresh.isRegistered(unregistered.certificate)).toBe(false);
  });

  it('registers a card after staff 目視確認, with no signature to check (§3)', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    expect(await gw.isRegistered(unregistered.certificate)).toBe(false);
    await gw.register({ route: 'card-visual', certificate: unregistered.certificate, staffId: 'staff-01' });
    expect(await gw.isRegistered(unregistered.certificate)).toBe(true);
    const result = await gw.confirm({
      route: 'card-visual',
      certificate: unregistered.certificate,
      tokenKind: 'card',
      limitConsent: false,
    });
    expect(result.persons[0]?.name).toBe('試験　未登');
    const broken = await rejection(
      gw.register({
        route: 'card-visual',
        certificate: new Uint8Array([0x30, 0x03, 1, 2, 3]),
        staffId: 'staff-01',
      }),
    );
    expect(broken.code).toBe('gateway.certificate-invalid');
  });

  it('an aborted 利用登録 check or registration rejects and registers nothing', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const controller = new AbortController();
    controller.abort(new Error('the attempt is over'));
    const checking = await rejection(gw.isRegistered(unregistered.certificate, controller.signal));
    expect(checking.code).toBe('gateway.unavailable');
    expect(checking.cause).toBe(controller.signal.reason);
    const registering = await rejection(
      gw.register(
        {
          route: 'card-pin',
          certificate: unregistered.certificate,
          challenge,
          signature: unregistered.signChallenge(challenge),
        },
        controller.signal,
      ),
    );
    expect(registering.code).toBe('gateway.unavailable');
    expect(await gw.isRegistered(unregistered.certificate, new AbortController().signal)).toBe(false);
  });
});

describe('simulator gateway: the request header is echoed (§2.3, §2.4)', () => {
  it('answers a request dated 2026-04-01 for another institution with that date and code', async () => {
    const result = await createSimulatorGateway({
      clock: april2026,
      medicalInstitutionCode: OTHER_INSTITUTION,
    }).confirm(keyedFor('p01'));
    expect([result.qualificationConfirmationDate, result.medicalInstitutionCode]).toEqual([
      '20260401',
      OTHER_INSTITUTION,
    ]);
    expect(result.processedAt).toBe('2026-04-01T10:00:00+09:00');
  });

  it('echoes the header it is given, whatever its own clock and code, in results, "processing" and errors', () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    const header = {
      requestId: 'REQ20260401',
      medicalInstitutionCode: OTHER_INSTITUTION,
      confirmationDate: '20260401',
    };
    const expected = {
      ArbitraryFileIdentifier: 'REQ20260401',
      MedicalInstitutionCode: OTHER_INSTITUTION,
      QualificationConfirmationDate: '20260401',
      ProcessExecutionTime: '20261127100000',
    };
    for (const id of ['p01', 'p15', 'p16']) {
      const outcome = gw.decide(keyedFor(id), header);
      if (outcome.kind === 'no-answer' || outcome.kind === 'malformed') throw new Error(outcome.kind);
      expect(
        readResultDocument(writeResultDocument(outcomeToDocument(outcome), 'sjis')).header,
        id,
      ).toMatchObject(expected);
    }
    gw.setFaults({ error: 'E9999' });
    const failed = gw.decide(keyedFor('p01'), header);
    if (failed.kind !== 'error') throw new Error(failed.kind);
    expect(readResultDocument(writeResultDocument(outcomeToDocument(failed), 'utf8')).header).toMatchObject({
      ...expected,
      ErrorCode: 'E9999',
    });
  });

  it('fills in its own code, date and a fresh id where the header gives none', () => {
    const gw = createSimulatorGateway({ clock: april2026 });
    const outcome = gw.decide(keyedFor('p01'), { medicalInstitutionCode: ' ', confirmationDate: '' });
    if (outcome.kind !== 'result') throw new Error(outcome.kind);
    expect(outcome.result).toMatchObject({
      medicalInstitutionCode: '0110113719',
      qualificationConfirmationDate: '20260401',
      requestId: expect.stringMatching(/^SIM\d{8}$/),
    });
  });
});

describe('simulator gateway: faults and latency', () => {
  it('applies faults set at runtime: timeout, error codes, malformed answers', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    gw.setFaults({ timeout: true });
    expect((await rejection(gw.confirm(keyedFor('p01')))).code).toBe('gateway.timeout');
    expect((await gw.health()).ok).toBe(false);
    gw.setFaults({ error: 'gateway.unavailable' });
    expect((await rejection(gw.confirm(keyedFor('p01')))).code).toBe('gateway.unavailable');
    gw.setFaults({ error: 'E9999' });
    const rejected = await rejection(gw.confirm(keyedFor('p01')));
    expect([rejected.code, rejected.systemCode]).toEqual(['gateway.rejected', 'E9999']);
    gw.setFaults({ malformed: true });
    const malformed = await rejection(gw.confirm(keyedFor('p01')));
    expect(malformed.code).toBe('gateway.malformed-response');
    expect(malformed.message).toContain('XML');
    gw.setFaults({});
    expect((await gw.confirm(keyedFor('p01'))).validity).toBe(1);
    expect(await gw.health()).toEqual({ ok: true, detail: expect.stringContaining('シミュレーター') });
  });

  it('waits the configured latency and can be aborted', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock, latencyMs: 60_000 });
    const controller = new AbortController();
    const pending = gw.confirm(keyedFor('p01'), controller.signal);
    controller.abort();
    expect((await rejection(pending)).code).toBe('gateway.unavailable');
    gw.setFaults({ latencyMs: 1 });
    expect((await gw.confirm(keyedFor('p01'))).validity).toBe(1);
  });

  it('stays silent for the configured gateway timeout, exactly, before gateway.timeout', async () => {
    // Latency and jitter alone would answer at once; the silence lasts the kiosk's gateway timeout (here 400 ms).
    const gw = createSimulatorGateway({ clock: fixedClock, latencyMs: 1, random: () => 0 });
    gw.setFaults({ timeout: true, timeoutMs: 400 });
    const started = performance.now();
    let settled = false;
    const pending = rejection(gw.confirm(keyedFor('p01'))).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    expect((await pending).code).toBe('gateway.timeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
  });

  it('refuses work after close', async () => {
    const gw = createSimulatorGateway({ clock: fixedClock });
    await gw.close();
    expect((await rejection(gw.confirm(keyedFor('p01')))).code).toBe('gateway.unavailable');
    expect((await gw.health()).ok).toBe(false);
  });
});
