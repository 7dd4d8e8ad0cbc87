// Worst-case screens for the layout-fit matrix: every variant of the contract's Screen union, and staff console answers.
import {
  ClinicPage,
  ClinicTerminal,
  ConfirmationRow,
  ErrorReason,
  KeyedValidation,
  Screen,
  StaffConfirmationResult,
  StaffSettings,
  StaffStatus,
  consentItems,
  type ScreenName,
} from '../../../electron/common/contract';

/** One patient screen as the core could send it, with a short id for the screenshot's file name. */
export interface ScreenFixture<N extends ScreenName = ScreenName> {
  id: string;
  screen: Extract<Screen, { name: N }>;
}

/**
 * Every Screen variant must have fixtures: a key missing here does not compile, and the test also checks
 * the union's runtime members, so a new screen without a fixture fails loudly instead of going untested.
 */
export type ScreenFixtures = { [N in ScreenName]: readonly ScreenFixture<N>[] };

/** A foreign resident's name as the system prints it in full-width letters: the widest realistic name. */
export const longName = 'ＭＯＮＴＥＮＥＧＲＯ　ＧＡＲＣＩＡ　ＭＡＲＩＡ　ＦＥＲＮＡＮＤＡ';

const allConsent = [...consentItems];

export const screenFixtures: ScreenFixtures = {
  idle: [{ id: 'idle', screen: { name: 'idle' } }],
  'out-of-service': (['reader-down', 'gateway-down', 'log-down'] as const).map((reason) => ({
    id: `out-of-service-${reason}`,
    screen: { name: 'out-of-service', reason },
  })),
  reading: [{ id: 'reading', screen: { name: 'reading' } }],
  pin: [
    {
      id: 'pin-reading',
      screen: { name: 'pin', tokenKind: null, triesLeft: null, lastTry: false, wrong: false },
    },
    {
      id: 'pin-wrong',
      screen: { name: 'pin', tokenKind: 'card', triesLeft: 2, lastTry: false, wrong: true },
    },
    {
      id: 'pin-last-try',
      screen: { name: 'pin', tokenKind: 'card', triesLeft: 1, lastTry: true, wrong: true },
    },
    {
      id: 'pin-phone-wrong',
      screen: { name: 'pin', tokenKind: 'android', triesLeft: 4, lastTry: false, wrong: true },
    },
  ],
  'choose-auth': [
    {
      id: 'choose-auth-last-try',
      screen: { name: 'choose-auth', reason: 'last-try', options: ['pin', 'visual'], wrong: true },
    },
    {
      id: 'choose-auth-pin-locked',
      screen: { name: 'choose-auth', reason: 'pin-locked', options: ['visual'] },
    },
    { id: 'choose-auth-no-pin', screen: { name: 'choose-auth', reason: 'no-pin', options: ['visual'] } },
  ],
  'visual-wait': [{ id: 'visual-wait', screen: { name: 'visual-wait' } }],
  registration: [{ id: 'registration', screen: { name: 'registration' } }],
  consent: [
    { id: 'consent-summary', screen: { name: 'consent', items: allConsent, choices: {} } },
    {
      // One item chosen: the item-by-item view with all four items, 決定 still waiting.
      id: 'consent-items',
      screen: { name: 'consent', items: allConsent, choices: { medication: true } },
    },
  ],
  'limit-consent': [{ id: 'limit-consent', screen: { name: 'limit-consent' } }],
  processing: (['verifying', 'registering', 'confirming'] as const).map((step) => ({
    id: `processing-${step}`,
    screen: { name: 'processing', step },
  })),
  result: [
    {
      id: 'result-confirmed',
      screen: {
        name: 'result',
        outcome: 'confirmed',
        person: { name: longName, nameNeedsStaffCheck: false, copayTenths: 3, limitLabel: '区分ア' },
        notices: ['certificate-expiring-soon'],
        eligibilityOnly: false,
        receptionNumber: 1234,
      },
    },
    {
      id: 'result-needs-attention',
      screen: {
        name: 'result',
        outcome: 'needs-attention',
        person: { name: longName, nameNeedsStaffCheck: true, copayTenths: 2, limitLabel: '区分Ⅱ' },
        notices: ['name-needs-check', 'certificate-grace', 'copay-conflict'],
        eligibilityOnly: true,
        receptionNumber: 1234,
      },
    },
    {
      id: 'result-not-insured',
      screen: {
        name: 'result',
        outcome: 'not-insured',
        notices: ['validity-superseded'],
        eligibilityOnly: false,
        receptionNumber: 87,
      },
    },
    {
      // The most notices one answer can carry: one validity (OQSCD006 has one value, §2.4), one
      // certificate state (§5), the name, and one copay problem.
      id: 'result-most-notices',
      screen: {
        name: 'result',
        outcome: 'needs-attention',
        person: { name: longName, nameNeedsStaffCheck: true, copayTenths: 3, limitLabel: '区分ア' },
        notices: ['validity-unregistered', 'certificate-grace', 'name-needs-check', 'copay-unknown'],
        eligibilityOnly: true,
        receptionNumber: 1234,
      },
    },
  ],
  'take-card': [{ id: 'take-card', screen: { name: 'take-card' } }],
  'card-lifted': [{ id: 'card-lifted', screen: { name: 'card-lifted', resumeSeconds: 60 } }],
  'registration-declined': [
    { id: 'registration-declined', screen: { name: 'registration-declined', cardPresent: false } },
    { id: 'registration-declined-card', screen: { name: 'registration-declined', cardPresent: true } },
  ],
  error: ErrorReason.options.flatMap((reason) => [
    {
      id: `error-${reason}`,
      screen: { name: 'error', reason, code: `session.${reason}`, cardPresent: false },
    },
    {
      id: `error-${reason}-card`,
      screen: { name: 'error', reason, code: `session.${reason}`, cardPresent: true },
    },
  ]),
};

/** The names of the contract's Screen union, read from the schema at run time. */
export function contractScreenNames(): string[] {
  return Screen.options.map((option) => option.shape.name.value);
}

/** Every fixture, each checked against the contract (a fixture the core could never send proves nothing). */
export function allScreenFixtures(): ScreenFixture[] {
  const all: ScreenFixture[] = [];
  for (const name of Object.keys(screenFixtures) as ScreenName[]) {
    for (const fixture of screenFixtures[name])
      all.push({ id: fixture.id, screen: Screen.parse(fixture.screen) });
  }
  return all;
}

// ---------------------------------------------------------------------------------------------
// Staff console answers (each parsed by its contract schema)
// ---------------------------------------------------------------------------------------------

const clinicNow = '2026-12-02T09:41:00+09:00';

/** Three cards waiting for 目視確認 at once: a busy morning at a clinic with several readers. */
export const staffStatus: StaffStatus = StaffStatus.parse({
  simulation: false,
  readerService: 'up',
  readers: ['受付1 SONY FeliCa RC-S300/P', '受付2 SONY FeliCa RC-S300/P', '再診機 ACR1252'].map((name) => ({
    name,
    cardPresent: true,
    screen: 'visual-wait',
  })),
  gateway: {
    kind: 'oqs-folder',
    ok: false,
    detail: '結果フォルダ \\\\oqs-pc\\face\\res に 30 秒応答がありません',
  },
  log: { ok: true, detail: '本日 128 件・チェーン検証済み' },
  visualPending: [
    { reader: '受付1 SONY FeliCa RC-S300/P', since: clinicNow, tokenKind: 'card', certificate: 'valid' },
    { reader: '受付2 SONY FeliCa RC-S300/P', since: clinicNow, tokenKind: 'android', certificate: 'grace' },
    { reader: '再診機 ACR1252', since: clinicNow, tokenKind: null, certificate: 'unknown' },
  ],
  clinic: { today: '2026-12-02', now: clinicNow, utcOffset: '+09:00' },
  // The clinic view is on: its page is in the navigation of every staff page.
  clinicView: true,
});

export const staffSettings: StaffSettings = StaffSettings.parse({
  terminalName: '受付1',
  medicalInstitutionCode: '1312345675',
  consentItems: allConsent,
  limitConsentScreen: true,
  resultShowsCopayAndLimit: false,
  languages: ['ja', 'en', 'zh-Hans', 'ko', 'vi'],
  defaultLanguage: 'ja',
  timeouts: {
    reading: 30,
    pin: 60,
    chooseAuth: 60,
    visualWait: 300,
    registration: 90,
    consent: 90,
    result: 30,
    takeCard: 30,
    error: 60,
  },
  card: { resume: 30, afterLift: 15 },
  gateway: {
    adapter: 'oqs-folder',
    requestFolder: '\\\\oqs-pc\\face\\req',
    resultFolder: '\\\\oqs-pc\\face\\res',
    faceFolder: '\\\\oqs-pc\\face\\face',
    timeoutSeconds: 30,
  },
  readerNameFilter: 'RC-S300',
});

/** Every keyed field wrong at once, plus a problem that belongs to no single field. */
export const keyedProblems: KeyedValidation = KeyedValidation.parse({
  ok: false,
  problems: [
    [
      'insurerNumber',
      'keyed.insurer-check-digit',
      '保険者番号の検証番号が一致しません。番号をもう一度ご確認ください。',
    ],
    ['symbol', 'keyed.symbol-too-long', '記号が長すぎます。'],
    ['number', 'keyed.number-required', '番号を入力してください。'],
    ['branch', 'keyed.branch-format', '枝番は2桁の数字で入力してください。'],
    [
      'birthDate',
      'keyed.birth-date-invalid',
      '生年月日が正しくありません（例: 1975-04-01、昭和50年4月1日）。',
    ],
    ['issuedOn', 'keyed.issued-on-future', '交付年月日が未来の日付になっています。'],
    ['validUntil', 'keyed.valid-until-required', '資格確認書の有効期限を入力してください。'],
    ['entry', 'keyed.valid-until-before-issued', '有効期限が交付年月日より前になっています。'],
  ].map(([field, code, ja]) => ({ field, code, message: { ja, en: code } })),
});

export const keyedOk: KeyedValidation = { ok: true, problems: [] };

/** A keyed answer with everything staff can be shown: two persons, notices, a newer issuance. */
export const keyedResult: StaffConfirmationResult = StaffConfirmationResult.parse({
  outcome: 'needs-attention',
  validity: 5,
  persons: [1, 2].map((n) => ({
    name: `${longName}${n}`,
    nameKana: 'モンテネグロ　ガルシア　マリア　フェルナンダ',
    nameNeedsStaffCheck: true,
    birthdate: '1950-04-01',
    birthdateWareki: '昭和25年4月1日',
    insurerNumber: '39131156',
    insurerName: '東京都後期高齢者医療広域連合',
    symbol: '記号１２３',
    number: `0000${n}`,
    branch: '01',
    copayTenths: 1,
    copaySource: 'elderly-certificate',
    limitLabel: '区分Ⅱ',
  })),
  notices: ['validity-multiple', 'name-needs-check', 'copay-conflict'],
  newerIssuance: {
    keyed: { date: '2025-08-01', wareki: '令和7年8月1日' },
    answer: { date: '2026-08-01', wareki: '令和8年8月1日' },
  },
  receptionNumber: 1234,
});

/** A full morning: 40 rows, each with every consent answered. */
export const confirmationRows: ConfirmationRow[] = Array.from({ length: 40 }, (_, i) =>
  ConfirmationRow.parse({
    id: i + 1,
    startedAt: `2026-12-02T09:${String(i).padStart(2, '0')}:00+09:00`,
    endedAt: `2026-12-02T09:${String(i).padStart(2, '0')}:40+09:00`,
    reader: '受付1 SONY FeliCa RC-S300/P',
    route: i % 3 === 0 ? 'keyed' : 'card-pin',
    outcome: i % 5 === 0 ? 'needs-attention' : 'confirmed',
    validity: 1,
    insurerNumber: '39131156',
    number: `0000${i}`,
    name: longName,
    copayTenths: 3,
    limitLabel: '区分ウ',
    limitConsent: { agreed: true, at: '2026-12-02T09:00:20+09:00' },
    consents: Object.fromEntries(
      allConsent.map((item) => [item, { agreed: i % 2 === 0, at: '2026-12-02T09:00:20+09:00' }]),
    ),
    receptionNumber: 1000 + i,
    durations: { total: 40_000 },
  }),
);

/**
 * The clinic view at its widest: four terminals, one silent with every kind of need at once, and a full
 * page of every terminal's rows with the longest name.
 */
export const clinicTerminals: ClinicTerminal[] = ['uketsuke1', 'uketsuke2', 'saishinki', 'kaikei'].map(
  (id, i) =>
    ClinicTerminal.parse({
      terminalId: id,
      description: ['受付1（正面入口）', '受付2', '再診受付機', '会計横'][i],
      state: i === 2 ? 'silent' : 'ok',
      lastHeartbeat: clinicNow,
      heartbeatAgeSeconds: i === 2 ? 900 : 12,
      reader: i === 2 ? 'down' : 'up',
      gateway: 'up',
      log: 'up',
      lagRows: i === 2 ? 1234 : 0,
      lagSeconds: i === 2 ? 5400 : 0,
      replication: 'ok',
      needs:
        i === 2
          ? [
              { kind: 'visual-pending', reader: '再診機 ACR1252', since: clinicNow },
              { kind: 'card-left', reader: '再診機 ACR1252', since: clinicNow },
              { kind: 'out-of-service', reader: '', since: clinicNow },
            ]
          : [],
    }),
);

export const clinicPage: ClinicPage = ClinicPage.parse({
  day: '2026-12-02',
  total: 212,
  offset: 0,
  rows: Array.from({ length: 20 }, (_, i) => ({
    terminalId: clinicTerminals[i % 4]?.terminalId,
    localId: 100 + i,
    startedAt: `2026-12-02T10:${String(i).padStart(2, '0')}:00+09:00`,
    route: i % 3 === 0 ? 'keyed' : 'card-pin',
    outcome: i % 5 === 0 ? 'needs-attention' : 'confirmed',
    errorCode: i % 5 === 0 ? 'E1001' : undefined,
    insurerNumber: '39131156',
    name: longName,
    copayTenths: 3,
    receptionNumber: 1000 + i,
  })),
});
