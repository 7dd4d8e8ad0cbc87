// The settings file's schema: every key, its default and its limits. Errors name the bad key.
import { z } from 'zod';
import { CardTimeSettings, ConsentItem, Language, languages } from '../../common/contract';
import { GatewayAdapter } from '../../common/vocabulary';
import { DEFAULT_CLINIC_UTC_OFFSET, parseUtcOffset } from '../clock/clinic-clock';
import { DEFAULT_RECEPTION_NUMBERS, MAX_RECEPTION_NUMBER } from '../log/confirmation-log';
import { CentralConfigSchema } from '../central/central-config';
import { absolutePathProblem, IN_MEMORY_LOG, nameProblem, staffPinHashProblem } from './config-rules';

const receptionNumber = (fallback: number) =>
  z.number().int().min(1).max(MAX_RECEPTION_NUMBER).default(fallback);

/** Seconds of inactivity before each patient screen returns to idle. */
export const defaultTimeouts = {
  reading: 20,
  pin: 60,
  chooseAuth: 60,
  visualWait: 300,
  registration: 120,
  consent: 90,
  result: 30,
  /** Not an inactivity timeout: how long a card may lie on the take-card screen before staff are told. */
  takeCard: 60,
  error: 30,
} as const;

/** The card lifted mid-way and put back, and messages kept readable after the card leaves (seconds). */
export const defaultCardTimes = {
  /** The same card put back within this time continues where it left off; later, back to idle. */
  resume: 30,
  /** An error, the registration-declined notice or a result stays readable this long after the card leaves. */
  afterLift: 15,
} as const;

const seconds = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);

/** A rule that answers why a value is wrong (or undefined), as a zod check whose message is that answer. */
const ruleCheck =
  (problem: (text: string) => string | undefined) =>
  (context: { value: string; issues: z.core.$ZodRawIssue[] }): void => {
    const message = problem(context.value);
    if (message !== undefined) context.issues.push({ code: 'custom', message, input: context.value });
  };

/** A name shown to staff or written to the log: no controls, no bidi controls, no outer spaces. */
const displayName = (min: number, max: number) => z.string().min(min).max(max).check(ruleCheck(nameProblem));

/** A folder or file the kiosk writes: empty (not used) or an absolute path. */
const writablePath = () =>
  z
    .string()
    .max(260)
    .check(ruleCheck((text) => (text === '' ? undefined : absolutePathProblem(text))));

export const KioskConfigSchema = z
  .object({
    /** Shown to staff and written to every log row, e.g. "受付1". */
    terminalName: displayName(1, 64).default('受付1'),
    /** kiosk: self-service for patients; staff: the reception desk terminal. */
    mode: z.enum(['kiosk', 'staff']).default('kiosk'),
    window: z
      .object({
        /** Fullscreen kiosk window (Electron). Turn off only on a developer machine. */
        kiosk: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    reader: z
      .object({
        /** simulated: the built-in virtual card reader; pcsc: a real PC/SC reader through pcscd. */
        kind: z.enum(['simulated', 'pcsc']).default('simulated'),
        /** Only readers whose PC/SC name contains this text are used; empty = every reader. */
        nameFilter: displayName(0, 128).default(''),
      })
      .strict()
      .prefault({}),
    ui: z
      .object({
        defaultLanguage: Language.default('ja'),
        languages: z
          .array(Language)
          .min(1)
          .default([...languages]),
        largeText: z.boolean().default(false),
        voice: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    clinic: z
      .object({
        /** 医療機関コード: 10 digits with a check digit (oqs-and-insurance.md §7); empty until set. */
        medicalInstitutionCode: z
          .string()
          .regex(/^(\d{10})?$/, '医療機関コードは10桁の数字です')
          .default(''),
        /**
         * The clinic's UTC offset: its days (reception numbers, the log, "today") and the times staff
         * read. Japan: +09:00 all year. The machine's own time zone is never used.
         */
        utcOffset: z
          .string()
          .refine(
            (text) => parseUtcOffset(text) !== undefined,
            'UTC からの時差は +09:00 の形で書いてください',
          )
          .default(DEFAULT_CLINIC_UTC_OFFSET),
      })
      .strict()
      .prefault({}),
    /**
     * The reception numbers this terminal issues each clinic day, first to last. Terminals of one clinic
     * take ranges that do not overlap (e.g. 受付1: 1–499, 受付2: 501–999), so no two patients share one.
     */
    receptionNumbers: z
      .object({
        first: receptionNumber(DEFAULT_RECEPTION_NUMBERS.first),
        last: receptionNumber(DEFAULT_RECEPTION_NUMBERS.last),
      })
      .strict()
      .refine((range) => range.first <= range.last, {
        message: '受付番号の範囲は first ≤ last にしてください',
        path: ['last'],
      })
      .prefault({}),
    consent: z
      .object({
        /**
         * Data-sharing items the consent screen shows. Default as the national readers:
         * 薬剤・特定健診 on, 診療・手術 off (oqs-and-insurance.md §3).
         */
        items: z.array(ConsentItem).default(['medication', 'checkup']),
        /**
         * Ask the patient whether the desk may use the 限度額 information. Off by default: since
         * 2024-10-07 the information reaches the clinic without consent and the national readers no
         * longer ask (oqs-and-insurance.md §3). On: a patient who declines has the limit class kept from
         * staff, the log and the face outbox.
         */
        limitScreen: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    resultScreen: z
      .object({
        /**
         * Show the copay ratio (負担割合) and the 限度額 class on the patient's result screen. Off by
         * default: the next person in line sees the kiosk screen, and the 限度額 class is an income
         * bracket (§6). Staff, the log and the face outbox get both either way.
         */
        showCopayAndLimit: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    card: z
      .object({
        // The bounds are the contract's, so the settings page and the file accept the same values.
        resume: CardTimeSettings.shape.resume.default(defaultCardTimes.resume),
        afterLift: CardTimeSettings.shape.afterLift.default(defaultCardTimes.afterLift),
      })
      .strict()
      .prefault({}),
    timeouts: z
      .object({
        reading: seconds(5, 600, defaultTimeouts.reading),
        pin: seconds(10, 600, defaultTimeouts.pin),
        chooseAuth: seconds(10, 600, defaultTimeouts.chooseAuth),
        visualWait: seconds(30, 1800, defaultTimeouts.visualWait),
        registration: seconds(10, 600, defaultTimeouts.registration),
        consent: seconds(10, 600, defaultTimeouts.consent),
        result: seconds(5, 600, defaultTimeouts.result),
        takeCard: seconds(5, 600, defaultTimeouts.takeCard),
        error: seconds(5, 600, defaultTimeouts.error),
      })
      .strict()
      .prefault({}),
    gateway: z
      .object({
        /** simulator: the built-in synthetic eligibility service; oqs-folder: the 資格確認端末's folders. */
        adapter: GatewayAdapter.default('simulator'),
        folders: z
          .object({
            /** Where requests are written (the terminal's req folder). */
            request: writablePath().default(''),
            /** Where results appear (res). */
            result: writablePath().default(''),
            /** Face-style result files for レセコン that poll the face folder; empty: none. */
            face: writablePath().default(''),
          })
          .strict()
          .prefault({}),
        timeoutSeconds: seconds(5, 300, 30),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        /**
         * SQLite file, an absolute path; empty: the default data folder (in simulation: kept in memory only);
         * ":memory:" keeps it in memory.
         */
        path: z
          .string()
          .max(260)
          .check(
            ruleCheck((text) =>
              text === '' || text === IN_MEMORY_LOG ? undefined : absolutePathProblem(text),
            ),
          )
          .default(''),
        /** Rows older than this many days may be purged. */
        retentionDays: z.number().int().min(1).max(36500).default(1825),
        /**
         * The log's chain key file (64 hex digits, owner-only); empty: confirmation-log.key beside this
         * settings file. Refused when it lies in the log file's own folder (electron/core/log/README.md).
         */
        keyPath: z.string().max(260).default(''),
      })
      .strict()
      .prefault({}),
    staff: z
      .object({
        /** scrypt hash of the staff PIN (see electron/core/staff/README.md); empty: not set. */
        pinHash: z
          .string()
          .max(512)
          .check(ruleCheck((text) => (text === '' ? undefined : staffPinHashProblem(text))))
          .default(''),
        /**
         * Staff accounts: a name and the scrypt hash of a passcode each (electron/core/staff/README.md).
         * None but a `pinHash`: that PIN is one administrator account named 管理者 until accounts are made.
         */
        accounts: z
          .array(
            z
              .object({
                name: z.string().min(1).max(40).check(ruleCheck(nameProblem)),
                passcodeHash: z.string().max(512).check(ruleCheck(staffPinHashProblem)),
                role: z.enum(['staff', 'admin']).default('staff'),
              })
              .strict(),
          )
          .max(100)
          .default([]),
        /** Idle timeout: a staff session with no staff action for this many minutes signs out. */
        sessionMinutes: z.number().int().min(1).max(480).default(15),
        /** Absolute lifetime: a staff session signs out this many hours after sign-in, however busy. */
        sessionMaxHours: z.number().int().min(1).max(24).default(8),
        maxFailures: z.number().int().min(1).max(20).default(5),
        lockoutMinutes: z.number().int().min(1).max(1440).default(5),
      })
      .strict()
      .prefault({}),
    webHost: z
      .object({
        /** Port of the browser host on 127.0.0.1; 0 picks a free one. */
        port: z.number().int().min(0).max(65535).default(5178),
      })
      .strict()
      .prefault({}),
    /**
     * The clinic's central record on PostgreSQL (electron/core/central/README.md). Empty `url`: none, and
     * nothing changes. The password lives in `passwordFile` (0600), never in this file.
     */
    central: CentralConfigSchema,
  })
  .strict();

export type KioskConfig = z.output<typeof KioskConfigSchema>;
export type KioskConfigInput = z.input<typeof KioskConfigSchema>;
