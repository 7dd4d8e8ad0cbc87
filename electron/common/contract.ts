// contract: session v1
// The single IPC contract: every invoke and event channel with its zod schemas; all IPC types derive from it.
import { z } from 'zod';
import { errorCodes } from './errors';
import type { IpcResult } from './result';
import {
  CertificateState,
  CheckinOutcome,
  CheckinRoute,
  ConsentItem,
  GatewayAdapter,
  KeyedDocumentKind,
  Language,
  QualificationValidity,
  TokenKind,
} from './vocabulary';

// The domain vocabulary is defined once in vocabulary.ts; the contract speaks it and passes it on.
export {
  CertificateState,
  CheckinOutcome,
  CheckinRoute,
  ConsentItem,
  Language,
  TokenKind,
  consentItems,
  languages,
} from './vocabulary';

export const Preferences = z
  .object({
    language: Language,
    largeText: z.boolean(),
    voice: z.boolean(),
  })
  .strict();
export type Preferences = z.infer<typeof Preferences>;

// ---------------------------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------------------------

/** Stable machine code shown small on a screen for staff (card.*, gateway.*, session.*, log.*). */
const StableCode = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/);

/** What the patient sees about the person confirmed. Only what the result screen shows. */
export const ResultPerson = z
  .object({
    name: z.string().max(100),
    /** The system printed ● for a character it cannot show: staff check the kana. */
    nameNeedsStaffCheck: z.boolean(),
    /** 1 = 1割, 2 = 2割, 3 = 3割. */
    copayTenths: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    /** Japanese label of the 限度額 class, e.g. "区分ウ" (oqs-and-insurance.md §6). */
    limitLabel: z.string().max(40).optional(),
  })
  .strict();
export type ResultPerson = z.infer<typeof ResultPerson>;

/**
 * Problems and hints on the result screen; the renderer says each in plain words with what to do.
 * validity-* follow QualificationValidity (OQSCD006, oqs-and-insurance.md §2.4).
 */
export const ResultNotice = z.enum([
  /** 2 無効: the insurance is no longer valid. */
  'validity-invalid',
  /** 3 無効（新しい資格あり）: a newer qualification exists; ask for the new insurer's details. */
  'validity-superseded',
  /** 4 該当資格なし. */
  'validity-not-found',
  /** 5 複数該当: staff choose the right person. */
  'validity-multiple',
  /** 6 有効（未登録）: 医療扶助, valid but not registered. */
  'validity-unregistered',
  /** Certificate expired, within the grace: eligibility only, no data sharing (§5). */
  'certificate-grace',
  /** Certificate expires within three months: renew at the municipal office (§5). */
  'certificate-expiring-soon',
  /** Name shows ●: staff check the kana. */
  'name-needs-check',
  /** The copay cannot be derived: the result lacks what the rule needs (e.g. 70–74 without 高齢受給者 data). */
  'copay-unknown',
  /** The copay data of the result contradicts itself or the statutory rule: staff check. */
  'copay-conflict',
]);
export type ResultNotice = z.infer<typeof ResultNotice>;

/** Why a patient screen shows an error; the renderer gives the plain message and what to do. */
export const ErrorReason = z.enum([
  'not-my-number-card',
  'card-unreadable',
  'pin-locked',
  'certificate-expired',
  'phone-certificate-expired',
  /** A phone's スマホ用 PIN is locked: no 目視 on a phone; the physical card is a separate credential. */
  'phone-pin-locked',
  'certificate-invalid',
  'not-registered',
  'registration-declined',
  'registration-failed',
  'visual-declined',
  'gateway-timeout',
  'gateway-error',
  'internal',
]);
export type ErrorReason = z.infer<typeof ErrorReason>;

// ---------------------------------------------------------------------------------------------
// Patient screens
// ---------------------------------------------------------------------------------------------

export const Screen = z.discriminatedUnion('name', [
  z.object({ name: z.literal('idle') }).strict(),
  z
    .object({
      name: z.literal('out-of-service'),
      reason: z.enum(['reader-down', 'gateway-down', 'log-down']),
      /** The reader went away under a check-in with the card on it: ask the patient to take the card. */
      cardPresent: z.boolean().optional(),
    })
    .strict(),
  /** A card is on the reader; checking whether it is a My Number card. */
  z.object({ name: z.literal('reading') }).strict(),
  /**
   * PIN pad (4-digit 利用者証明用 PIN; on Android the スマホ用 PIN). Shown as soon as the card is identified;
   * tries-left and the token kind fill in when read.
   * `lastTry`: one more mistake locks the card (the patient has already been warned and chose to go on).
   * `wrong`: the previous entry was wrong.
   */
  z
    .object({
      name: z.literal('pin'),
      tokenKind: TokenKind.nullable(),
      triesLeft: z.number().int().min(0).max(15).nullable(),
      lastTry: z.boolean(),
      wrong: z.boolean(),
    })
    .strict(),
  /**
   * Choose how to prove the card is yours. `last-try`: one try is left, staff check recommended;
   * `pin-locked`: the PIN is locked, only the visual check remains; `no-pin`: a card without a PIN.
   */
  z
    .object({
      name: z.literal('choose-auth'),
      reason: z.enum(['last-try', 'pin-locked', 'no-pin']),
      options: z.array(z.enum(['pin', 'visual'])).min(1),
      /** The previous PIN entry was wrong (the reason it came to this). */
      wrong: z.boolean().optional(),
    })
    .strict(),
  /** Waiting for staff to compare the card photo with the patient (目視確認). */
  z.object({ name: z.literal('visual-wait') }).strict(),
  /** 保険証利用登録: terms shown; the patient agrees or declines. */
  z.object({ name: z.literal('registration') }).strict(),
  /** Data-sharing consent: the items the clinic shows and the choices so far. */
  z
    .object({
      name: z.literal('consent'),
      items: z.array(ConsentItem).min(1),
      choices: z.partialRecord(ConsentItem, z.boolean()),
    })
    .strict(),
  /** 限度額 information consent (own screen; a clinic setting may skip it). */
  z.object({ name: z.literal('limit-consent') }).strict(),
  z
    .object({
      name: z.literal('processing'),
      step: z.enum(['verifying', 'registering', 'confirming']),
    })
    .strict(),
  z
    .object({
      name: z.literal('result'),
      outcome: z.enum(['confirmed', 'needs-attention', 'not-insured']),
      person: ResultPerson.optional(),
      notices: z.array(ResultNotice),
      /** Certificate in its post-expiry grace: eligibility only, no consent screens were shown. */
      eligibilityOnly: z.boolean(),
      receptionNumber: z.number().int().positive(),
    })
    .strict(),
  /** カードをお取りください, until the card leaves the reader (no inactivity timeout: the card must be taken). */
  z.object({ name: z.literal('take-card') }).strict(),
  /**
   * The card left the reader mid-way (PIN, consent, registration, checking). The same card put back
   * within `resumeSeconds` continues where the card is needed again; a different card starts afresh.
   */
  z
    .object({
      name: z.literal('card-lifted'),
      resumeSeconds: z.number().int().positive().max(600),
    })
    .strict(),
  /** The patient chose not to register the card for health insurance (登録しない): what to do next. */
  z
    .object({
      name: z.literal('registration-declined'),
      /** The card is still on the reader: ask the patient to take it. */
      cardPresent: z.boolean(),
    })
    .strict(),
  z
    .object({
      name: z.literal('error'),
      reason: ErrorReason,
      code: StableCode,
      /** The card is still on the reader: ask the patient to take it. */
      cardPresent: z.boolean(),
    })
    .strict(),
]);
export type Screen = z.infer<typeof Screen>;
export type ScreenName = Screen['name'];

/**
 * What this terminal is (config `mode`): kiosk, the patient's own self-service screen; staff, a reception-desk
 * PC whose card reader sits on the desk and whose check-ins staff run from the staff console.
 */
export const TerminalMode = z.enum(['kiosk', 'staff']);
export type TerminalMode = z.infer<typeof TerminalMode>;

/** What the renderer draws. The core owns it; the renderer never keeps state of its own beyond input. */
export const SessionSnapshot = z
  .object({
    /** Increases with every change, so a renderer can drop stale snapshots. */
    seq: z.number().int().nonnegative(),
    screen: Screen,
    preferences: Preferences,
    /** True when the simulated reader and eligibility service are in use. */
    simulation: z.boolean(),
    terminalName: z.string().max(64),
    /** The terminal's mode; the core always sends it (absent reads as kiosk). */
    mode: TerminalMode.optional(),
    /** The languages this clinic offers on the idle screen, in its order. */
    languages: z.array(Language).min(1),
    /** Inactivity timeout of the current screen in seconds (absent: none). Reset by `session.activity`. */
    timeoutSeconds: z.number().int().positive().optional(),
  })
  .strict();
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

// ---------------------------------------------------------------------------------------------
// Staff console
// ---------------------------------------------------------------------------------------------

/** Per-login token for staff channels; never sent in an event. */
const StaffToken = z.string().min(16).max(128);
/**
 * `background`: the console's own re-read (status poll, a re-read after a push), not a person's action;
 * it does not extend the session's idle timeout.
 */
const withToken = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ token: StaffToken, background: z.literal(true).optional(), ...shape }).strict();

/** Where a staff sign-in happens: the patient kiosk's staff entry, or the desk console. Each has its own lockout. */
export const StaffSurface = z.enum(['kiosk', 'desk']);
export type StaffSurface = z.infer<typeof StaffSurface>;

/**
 * An instant as ISO 8601 written in the clinic's UTC offset ("2026-12-01T09:05:00+09:00"): the staff
 * console shows its date and time as written, never converted to the browser's time zone.
 */
const ClinicTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/);
/** A clinic calendar day, yyyy-MM-dd. */
const ClinicDay = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/);

/** admin: also settings and staff accounts; staff: check-in work. */
export const StaffRole = z.enum(['staff', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** A staff account's name as staff pick it on the sign-in screen: no control or bidi characters. */
export const StaffAccountName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u);

export const StaffSession = z
  .object({
    token: StaffToken,
    /** The signed-in account's name: it is what the log records for approvals and keyed confirmations. */
    staffName: z.string().max(40),
    role: StaffRole,
    expiresAt: ClinicTime,
  })
  .strict();

/** A staff account as administrators see it on the accounts page. */
export const StaffAccountSummary = z.object({ name: z.string().max(40), role: StaffRole }).strict();
export type StaffAccountSummary = z.infer<typeof StaffAccountSummary>;
export type StaffSession = z.infer<typeof StaffSession>;

/** A card waiting for a 目視確認 at a reader. No personal data: the certificate holds none (§7). */
export const VisualPending = z
  .object({
    reader: z.string().max(128),
    since: ClinicTime,
    tokenKind: TokenKind.nullable(),
    certificate: CertificateState,
  })
  .strict();
export type VisualPending = z.infer<typeof VisualPending>;

/** A card left on a reader's take-card screen for longer than `timeouts.takeCard`. No personal data. */
export const CardLeft = z
  .object({
    reader: z.string().max(128),
    /** When the take-card screen showed. */
    since: ClinicTime,
  })
  .strict();
export type CardLeft = z.infer<typeof CardLeft>;

export const StaffStatus = z
  .object({
    simulation: z.boolean(),
    readerService: z.enum(['up', 'down']),
    readers: z.array(
      z
        .object({
          name: z.string().max(128),
          cardPresent: z.boolean(),
          /** Screen of this reader's session, idle when none. */
          screen: z.string().max(32),
        })
        .strict(),
    ),
    gateway: z.object({ kind: z.string().max(32), ok: z.boolean(), detail: z.string().max(500) }).strict(),
    log: z.object({ ok: z.boolean(), detail: z.string().max(500) }).strict(),
    visualPending: z.array(VisualPending),
    /** Cards left on a reader past `timeouts.takeCard` (the kiosk always sends it). */
    cardsLeft: z.array(CardLeft).optional(),
    /** The clinic's day and time now, from the core's clinic clock (the browser's clock is not used). */
    clinic: z.object({ today: ClinicDay, now: ClinicTime, utcOffset: z.string().max(6) }).strict(),
    /** True when `central.consoleUrl` is set: the console offers the clinic view. */
    clinicView: z.boolean().optional(),
  })
  .strict();
export type StaffStatus = z.infer<typeof StaffStatus>;

/** Keyed 資格確認書 entry as staff type it: raw text, validated by the rules. */
export const KeyedEntry = z
  .object({
    /** shikaku-kakuninsho 資格確認書; oshirase 資格情報のお知らせ (only with the card seen, §4.1); hokensho 健康保険証. */
    documentKind: KeyedDocumentKind,
    insurerNumber: z.string().max(32),
    symbol: z.string().max(64),
    number: z.string().max(64),
    branch: z.string().max(8),
    /** yyyy-MM-dd, yyyyMMdd or a Japanese era date (e.g. 昭和50年4月1日). */
    birthDate: z.string().max(32),
    issuedOn: z.string().max(32).optional(),
    validUntil: z.string().max(32).optional(),
    /** For 資格情報のお知らせ: staff saw the patient's My Number card. */
    staffSawMyNumberCard: z.boolean().optional(),
  })
  .strict();
export type KeyedEntry = z.infer<typeof KeyedEntry>;

export const FieldProblem = z
  .object({
    field: z.string().max(40),
    code: z.string().max(80),
    message: z.object({ ja: z.string().max(500), en: z.string().max(500) }).strict(),
  })
  .strict();
export type FieldProblem = z.infer<typeof FieldProblem>;

export const KeyedValidation = z.object({ ok: z.boolean(), problems: z.array(FieldProblem) }).strict();
export type KeyedValidation = z.infer<typeof KeyedValidation>;

/**
 * Where a copay came from (electron/core/rules/copay.ts): the result's 後期高齢者 ratio, its 高齢受給者 ratio,
 * the statutory rule by age, or 医療扶助 / 公費 (no ratio; the 医療券 decides).
 */
export const CopaySource = z.enum([
  'insurer-ratio',
  'elderly-certificate',
  'statutory-age',
  'public-assistance',
]);
export type CopaySource = z.infer<typeof CopaySource>;

/** A date shown to staff: yyyy-MM-dd and its 和暦 text (e.g. 令和7年8月1日), written by the core. */
export const StaffDate = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), wareki: z.string().max(20) })
  .strict();
export type StaffDate = z.infer<typeof StaffDate>;

/** Result of a confirmation as staff see it (staff channels only, never in a patient snapshot). */
export const StaffConfirmationResult = z
  .object({
    outcome: CheckinOutcome,
    /** QualificationValidity 1–6 when the system answered. */
    validity: QualificationValidity.optional(),
    errorCode: z.string().max(80).optional(),
    systemCode: z.string().max(40).optional(),
    persons: z.array(
      z
        .object({
          name: z.string().max(100),
          nameKana: z.string().max(100).optional(),
          nameNeedsStaffCheck: z.boolean(),
          birthdate: z.string().max(10),
          /** The birth date in 和暦, as staff read it. */
          birthdateWareki: z.string().max(20).optional(),
          insurerNumber: z.string().max(8),
          insurerName: z.string().max(100).optional(),
          symbol: z.string().max(64).optional(),
          number: z.string().max(64),
          branch: z.string().max(4).optional(),
          copayTenths: z.number().int().min(1).max(3).optional(),
          copaySource: CopaySource.optional(),
          limitLabel: z.string().max(40).optional(),
        })
        .strict(),
    ),
    notices: z.array(ResultNotice),
    /**
     * Keyed route: the answer names a later 交付年月日 than the one keyed, so the paper in hand may have been
     * replaced (oqs-and-insurance.md §4.1, unconfirmed rule): staff ask for the newer document.
     */
    newerIssuance: z.object({ keyed: StaffDate, answer: StaffDate }).strict().optional(),
    receptionNumber: z.number().int().positive().optional(),
  })
  .strict();
export type StaffConfirmationResult = z.infer<typeof StaffConfirmationResult>;

const ConsentRecordSchema = z.object({ agreed: z.boolean(), at: ClinicTime }).strict();

/** One row of the confirmation log as staff see it. */
export const ConfirmationRow = z
  .object({
    id: z.number().int(),
    startedAt: ClinicTime,
    endedAt: ClinicTime,
    reader: z.string().optional(),
    route: CheckinRoute,
    outcome: CheckinOutcome,
    validity: z.number().int().optional(),
    errorCode: z.string().optional(),
    systemCode: z.string().optional(),
    insurerNumber: z.string().optional(),
    symbol: z.string().optional(),
    number: z.string().optional(),
    branch: z.string().optional(),
    name: z.string().optional(),
    nameKana: z.string().optional(),
    birthdate: z.string().optional(),
    copayTenths: z.number().int().optional(),
    limitClass: z.string().optional(),
    /** The 限度額 class as staff read it, e.g. "区分ウ" (oqs-and-insurance.md §6). */
    limitLabel: z.string().max(40).optional(),
    limitConsent: ConsentRecordSchema.optional(),
    consents: z.partialRecord(ConsentItem, ConsentRecordSchema),
    staffId: z.string().optional(),
    receptionNumber: z.number().int().optional(),
    durations: z
      .object({ card: z.number().optional(), gateway: z.number().optional(), total: z.number() })
      .strict(),
  })
  .strict();
export type ConfirmationRow = z.infer<typeof ConfirmationRow>;

export const ConfirmationFilter = z
  .object({
    /** Clinic days; both default to the clinic's today. */
    from: ClinicDay.optional(),
    to: ClinicDay.optional(),
    outcome: CheckinOutcome.optional(),
    route: CheckinRoute.optional(),
    /** Matches name, kana, insurer number or number. */
    text: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type ConfirmationFilter = z.infer<typeof ConfirmationFilter>;

// The clinic view: every terminal's record on the clinic's PostgreSQL, read through the console role.

/** A confirmation of any terminal as the clinic view lists it (only what the central record holds). */
export const ClinicRow = z
  .object({
    /** The terminal that recorded it (central key) and its own row id there. */
    terminalId: z.string().max(64),
    localId: z.number().int().positive(),
    startedAt: ClinicTime,
    reader: z.string().optional(),
    route: CheckinRoute,
    outcome: CheckinOutcome,
    validity: z.number().int().optional(),
    // As the log stored them (its own limits apply there), like ConfirmationRow.
    errorCode: z.string().optional(),
    insurerNumber: z.string().optional(),
    number: z.string().optional(),
    name: z.string().optional(),
    nameKana: z.string().optional(),
    copayTenths: z.number().int().optional(),
    staffId: z.string().optional(),
    receptionNumber: z.number().int().optional(),
  })
  .strict();
export type ClinicRow = z.infer<typeof ClinicRow>;

/** Rows per page of the clinic view. */
export const CLINIC_PAGE_MAX = 100;

export const ClinicFilter = z
  .object({
    /** A clinic day; default the clinic's today. */
    day: ClinicDay.optional(),
    terminal: z.string().max(64).optional(),
    outcome: CheckinOutcome.optional(),
    route: CheckinRoute.optional(),
    /** Matches name, kana, insurer number or number. */
    text: z.string().max(64).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(CLINIC_PAGE_MAX).optional(),
  })
  .strict();
export type ClinicFilter = z.infer<typeof ClinicFilter>;

export const ClinicPage = z
  .object({
    day: ClinicDay,
    /** Rows matching the filter in all (the page holds at most `limit` of them). */
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    rows: z.array(ClinicRow).max(CLINIC_PAGE_MAX),
  })
  .strict();
export type ClinicPage = z.infer<typeof ClinicPage>;

/** What needs staff at a terminal: 目視確認 waiting, a card left on a reader, the kiosk out of service. */
export const ClinicNeedKind = z.enum(['visual-pending', 'card-left', 'out-of-service']);
export type ClinicNeedKind = z.infer<typeof ClinicNeedKind>;

const PartState = z.enum(['up', 'down', 'unknown']);

/** A terminal as the clinic view shows it: its latest heartbeat and what needs staff there. */
export const ClinicTerminal = z
  .object({
    terminalId: z.string().max(64),
    description: z.string().max(200),
    /** ok: heartbeats arrive; silent: none for 3 intervals (応答なし); never: no heartbeat yet. */
    state: z.enum(['ok', 'silent', 'never']),
    lastHeartbeat: ClinicTime.optional(),
    heartbeatAgeSeconds: z.number().int().nonnegative().optional(),
    reader: PartState,
    gateway: PartState,
    log: PartState,
    /** Rows recorded at the terminal and not yet received, and the age of the oldest (seconds). */
    lagRows: z.number().int().nonnegative().optional(),
    lagSeconds: z.number().int().nonnegative().optional(),
    /** The replicator's state code: ok, or a central.* error code. */
    replication: z.string().max(40).optional(),
    /** This console's own terminal (its staff needs already reach the console from its own core). */
    own: z.boolean().optional(),
    needs: z
      .array(z.object({ kind: ClinicNeedKind, reader: z.string().max(128), since: ClinicTime }).strict())
      .max(50),
  })
  .strict();
export type ClinicTerminal = z.infer<typeof ClinicTerminal>;

export const TimeoutSettings = z
  .object({
    /** Seconds of inactivity before each patient screen returns to idle. */
    reading: z.number().int().min(5).max(600),
    pin: z.number().int().min(10).max(600),
    chooseAuth: z.number().int().min(10).max(600),
    visualWait: z.number().int().min(30).max(1800),
    registration: z.number().int().min(10).max(600),
    consent: z.number().int().min(10).max(600),
    result: z.number().int().min(5).max(600),
    takeCard: z.number().int().min(5).max(600),
    error: z.number().int().min(5).max(600),
  })
  .strict();
export type TimeoutSettings = z.infer<typeof TimeoutSettings>;

/** Seconds a lifted card has to come back, and a message stays readable once the card has left (config `card`). */
export const CardTimeSettings = z
  .object({
    resume: z.number().int().min(10).max(300),
    afterLift: z.number().int().min(5).max(120),
  })
  .strict();
export type CardTimeSettings = z.infer<typeof CardTimeSettings>;

/** The settings staff can read and change from the console (saved back to the settings file). */
export const StaffSettings = z
  .object({
    terminalName: z.string().min(1).max(64),
    /** 10 digits with check digit (oqs-and-insurance.md §7); empty until set. */
    medicalInstitutionCode: z.string().max(16),
    consentItems: z.array(ConsentItem),
    limitConsentScreen: z.boolean(),
    /** Copay ratio and 限度額 class on the patient's result screen (off: staff console only). */
    resultShowsCopayAndLimit: z.boolean(),
    languages: z.array(Language).min(1),
    defaultLanguage: Language,
    timeouts: TimeoutSettings,
    card: CardTimeSettings,
    gateway: z
      .object({
        adapter: GatewayAdapter,
        requestFolder: z.string().max(260),
        resultFolder: z.string().max(260),
        faceFolder: z.string().max(260),
        timeoutSeconds: z.number().int().min(5).max(300),
      })
      .strict(),
    readerNameFilter: z.string().max(128),
  })
  .strict();
export type StaffSettings = z.infer<typeof StaffSettings>;

export const StaffSettingsChange = StaffSettings.partial()
  .extend({ timeouts: TimeoutSettings.partial().optional(), card: CardTimeSettings.partial().optional() })
  .strict();
export type StaffSettingsChange = z.infer<typeof StaffSettingsChange>;

export const StaffSettingsSaved = z
  .object({
    settings: StaffSettings,
    /** Some changes (gateway adapter and folders, reader filter) take effect after a restart. */
    restartRequired: z.boolean(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Simulator panel (only when the simulated reader is in use; otherwise every sim.* answers ipc.forbidden)
// ---------------------------------------------------------------------------------------------

export const simCardVariants = [
  'physical',
  'android',
  'iphone',
  'face-auth',
  'expired',
  'locked',
  'not-my-number',
] as const;
export const SimCardVariant = z.enum(simCardVariants);
export type SimCardVariant = z.infer<typeof SimCardVariant>;

export const SimGatewayFault = z.enum(['none', 'slow', 'timeout', 'error', 'malformed']);
export type SimGatewayFault = z.infer<typeof SimGatewayFault>;

export const SimFaults = z
  .object({
    readerDown: z.boolean(),
    gateway: SimGatewayFault,
    logDown: z.boolean(),
  })
  .strict();
export type SimFaults = z.infer<typeof SimFaults>;

export const SimState = z
  .object({
    readers: z.array(
      z
        .object({
          name: z.string().max(128),
          card: z
            .object({ variant: SimCardVariant, holderId: z.string().max(64), label: z.string().max(100) })
            .strict()
            .nullable(),
        })
        .strict(),
    ),
    /** Synthetic insured persons of the simulator gateway. */
    holders: z.array(z.object({ id: z.string().max(64), label: z.string().max(100) }).strict()),
    variants: z.array(SimCardVariant),
    faults: SimFaults,
    /** PIN of every virtual card presented from the panel. */
    pin: z.string().regex(/^\d{4}$/),
  })
  .strict();
export type SimState = z.infer<typeof SimState>;

// ---------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------

const Empty = z.object({}).strict();
/**
 * 4 ASCII digits, checked character by character: a regular expression would leave the PIN in V8's
 * RegExp.input (the last string any RegExp ran on) after the check.
 */
const Pin = z
  .string()
  .length(4, 'PIN must be 4 digits')
  .refine((text) => [...text].every((c) => c >= '0' && c <= '9'), 'PIN must be 4 digits');

export const IpcErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() }).strict();

/** Invoke channels: renderer → core request, core → renderer response. */
export const invokeChannels = {
  'renderer.ready': { request: Empty, response: SessionSnapshot },
  'session.get': { request: Empty, response: SessionSnapshot },
  /** Patient pressed cancel (or the idle screen reset): the attempt is logged as cancelled. */
  'session.cancel': { request: Empty, response: z.null() },
  /** Any patient input on a screen: restarts that screen's inactivity timer. */
  'session.activity': { request: Empty, response: z.null() },
  'preferences.set': { request: Preferences.partial().strict(), response: SessionSnapshot },

  // Patient intents. Each answers the new snapshot; session.invalid-state when the screen does not allow it.
  /** choose-auth / pin screen: use the PIN, or ask staff for a visual check. */
  'auth.choose': {
    request: z.object({ method: z.enum(['pin', 'visual']) }).strict(),
    response: SessionSnapshot,
  },
  /** One VERIFY per call; never retried by the core. */
  'pin.submit': { request: z.object({ pin: Pin }).strict(), response: SessionSnapshot },
  'registration.answer': {
    request: z.object({ agreed: z.boolean() }).strict(),
    response: SessionSnapshot,
  },
  /** まとめて同意 (agreed: true) or decline everything at once; moves on. */
  'consent.all': { request: z.object({ agreed: z.boolean() }).strict(), response: SessionSnapshot },
  /** One item's choice; the core stamps its time. */
  'consent.choose': {
    request: z.object({ item: ConsentItem, agreed: z.boolean() }).strict(),
    response: SessionSnapshot,
  },
  /** Item-by-item mode finished: every shown item must have a choice. */
  'consent.done': { request: Empty, response: SessionSnapshot },
  'limit.choose': { request: z.object({ agreed: z.boolean() }).strict(), response: SessionSnapshot },
  /** Result read: go on to take-card (or idle when the card is already gone). */
  'result.done': { request: Empty, response: SessionSnapshot },

  // Staff console. Every channel but login needs a live token.
  'staff.login': {
    request: z
      .object({
        /** The passcode (an older single staff PIN may be 4 digits). */
        pin: z.string().min(4).max(128),
        /** The account signing in; may be left out while the terminal has exactly one account. */
        account: z.string().max(40).optional(),
        surface: StaffSurface.optional(),
      })
      .strict(),
    response: StaffSession,
  },
  /** The account names for the sign-in screen, in the settings' order. Needs no token. */
  'staff.accounts.names': { request: Empty, response: z.array(z.string().max(40)).max(100) },
  /** Administrators only: the accounts and their roles (never a hash). */
  'staff.accounts.list': { request: withToken({}), response: z.array(StaffAccountSummary).max(100) },
  /** Administrators only: adds an account, or sets an existing one's role and passcode (a reset). */
  'staff.accounts.save': {
    request: withToken({ name: StaffAccountName, role: StaffRole, passcode: z.string().min(6).max(128) }),
    response: z.array(StaffAccountSummary).max(100),
  },
  /** Administrators only: removes an account (never the last administrator). */
  'staff.accounts.remove': {
    request: withToken({ name: z.string().max(40) }),
    response: z.array(StaffAccountSummary).max(100),
  },
  'staff.logout': { request: withToken({}), response: z.null() },
  'staff.status': { request: withToken({}), response: StaffStatus },
  'staff.visual.approve': {
    request: withToken({ reader: z.string().max(128) }),
    response: z.null(),
  },
  'staff.visual.decline': {
    request: withToken({ reader: z.string().max(128) }),
    response: z.null(),
  },
  'staff.keyed.validate': { request: withToken({ entry: KeyedEntry }), response: KeyedValidation },
  /** Validates, asks the eligibility system, logs, and answers the result. */
  'staff.keyed.confirm': {
    request: withToken({
      entry: KeyedEntry,
      /**
       * The patient's oral answer on using 限度額 information at the desk; read only when the clinic asks
       * (config `consent.limitScreen`), else the information is used as the law provides.
       */
      limitConsent: z.boolean(),
    }),
    response: StaffConfirmationResult,
  },
  'staff.confirmations.list': {
    request: withToken({ filter: ConfirmationFilter }),
    response: z.array(ConfirmationRow),
  },
  'staff.confirmations.export': {
    request: withToken({ from: ClinicDay, to: ClinicDay }),
    response: z.object({ fileName: z.string().max(128), csv: z.string() }).strict(),
  },
  /** The clinic view (central.consoleUrl): a page of every terminal's confirmations of one clinic day. */
  'staff.clinic.list': { request: withToken({ filter: ClinicFilter }), response: ClinicPage },
  /** The clinic view: each terminal's health from its latest heartbeat and what needs staff there. */
  'staff.clinic.terminals': { request: withToken({}), response: z.array(ClinicTerminal).max(100) },
  /** The clinic view: CSV of every terminal's confirmations over clinic days, the log export's columns. */
  'staff.clinic.export': {
    request: withToken({ from: ClinicDay, to: ClinicDay }),
    response: z.object({ fileName: z.string().max(128), csv: z.string() }).strict(),
  },
  'staff.settings.get': { request: withToken({}), response: StaffSettings },
  'staff.settings.set': { request: withToken({ change: StaffSettingsChange }), response: StaffSettingsSaved },
  'staff.pin.change': {
    request: withToken({ currentPin: z.string().min(4).max(32), newPin: z.string().min(4).max(32) }),
    response: z.null(),
  },

  // Simulator panel (simulation only).
  'sim.state': { request: Empty, response: SimState },
  'sim.present': {
    request: z
      .object({
        reader: z.string().max(128).optional(),
        variant: SimCardVariant,
        holderId: z.string().max(64),
      })
      .strict(),
    response: SimState,
  },
  'sim.remove': {
    request: z.object({ reader: z.string().max(128).optional() }).strict(),
    response: SimState,
  },
  'sim.faults': { request: SimFaults.partial().strict(), response: SimState },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Event channels: core → renderer pushes. Every renderer gets every event: no personal data outside session.changed. */
export const eventChannels = {
  'session.changed': SessionSnapshot,
  /** Something on the staff console changed; staff fetch the detail through their token. */
  'staff.changed': z
    .object({
      seq: z.number().int().nonnegative(),
      /**
       * desk-needed: a check-in ended on an error or a result that sends the patient to the desk.
       * card-left: a card lies on a take-card screen past `timeouts.takeCard`, or such a card was taken.
       * clinic: a terminal of the clinic view raised or cleared a staff need (the console re-reads terminals).
       */
      reason: z.enum([
        'visual-pending',
        'visual-resolved',
        'confirmation-recorded',
        'health',
        'settings',
        'desk-needed',
        'card-left',
        'clinic',
      ]),
      reader: z.string().max(128).optional(),
    })
    .strict(),
  /** The simulator's state changed; the panel fetches sim.state. */
  'sim.changed': z.object({ seq: z.number().int().nonnegative() }).strict(),
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

/** The API the renderer sees as `window.kiosk`, in Electron (preload) and in the browser host alike. */
export interface KioskApi {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<IpcResult<InvokeResponse<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Upper bound on one serialised message in either direction (bytes). */
export const maxMessageBytes = 64 * 1024;
