// A session controller over fakes and the real rules, with steps that present cards and read the screen.
import type { Screen } from '../../../../../electron/common/contract';
import type { QualificationGateway } from '../../../../../electron/core/gateway/qualification-gateway';
import type { ConfirmationLog } from '../../../../../electron/core/log/confirmation-log';
import type { SessionSettings } from '../../../../../electron/core/session/checkin-session';
import { createRulesPort } from '../../../../../electron/core/session/rules-port';
import { SessionController } from '../../../../../electron/core/session/session-controller';
import {
  FakeCardState,
  FakeGateway,
  FakeLog,
  FakeReader,
  ManualClock,
  ManualTimers,
  fakeOpenCard,
  testSettings,
  type FakeCardSpec,
} from './fakes';

/** How long the patient takes to type a PIN in these tests: well above PIN_SUBMIT_LIMITS.minIntervalMs. */
export const TYPING_MS = 1_500;

export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface HarnessOptions {
  settings?: Partial<SessionSettings>;
  readers?: string[];
  /** Shared parts, e.g. the clock a real log counts days on (a restart keeps it). */
  clock?: ManualClock;
  gateway?: FakeGateway;
  /** What the session talks to, built around the fake system (e.g. the face outbox wrapper). */
  wrapGateway?: (fake: FakeGateway) => QualificationGateway;
  /** A log in place of the FakeLog (then `h.log` is unused). */
  realLog?: ConfirmationLog;
}

export function createHarness(options: HarnessOptions = {}) {
  const clock = options.clock ?? new ManualClock();
  const timers = new ManualTimers(clock);
  const reader = new FakeReader(options.readers);
  const gateway = options.gateway ?? new FakeGateway();
  const log = new FakeLog(clock);
  const settings = testSettings(options.settings);
  const screens: Screen[] = [];
  const staff: { reason: string; reader?: string }[] = [];
  let sessionEnds = 0;
  const controller: SessionController = new SessionController({
    port: reader,
    openCard: fakeOpenCard(reader),
    gateway: options.wrapGateway ? options.wrapGateway(gateway) : gateway,
    log: options.realLog ?? log,
    rules: createRulesPort(clock),
    clock,
    timers,
    settings: () => settings,
    onChange: () => screens.push(controller.screen()),
    onSessionEnd: () => void (sessionEnds += 1),
    onStaff: (reason, r) => staff.push({ reason, ...(r ? { reader: r } : {}) }),
    healthIntervalMs: 30_000,
    recovery: { initialMs: 1_000, maxMs: 8_000 },
  });
  controller.start();

  const settle = (): Promise<void> => controller.settled();
  const h = {
    clock,
    timers,
    reader,
    gateway,
    log,
    settings,
    controller,
    screens,
    staff,
    get sessionEnds() {
      return sessionEnds;
    },
    settle,
    screen: (): Screen => controller.screen(),
    name: (): string => controller.screen().name,
    session() {
      const s = controller.current();
      if (!s) throw new Error('no session');
      return s;
    },
    async present(spec: FakeCardSpec = {}, readerName = 'R1'): Promise<FakeCardState> {
      const card = new FakeCardState(spec);
      reader.insert(readerName, card);
      await settle();
      return card;
    },
    async remove(readerName = 'R1'): Promise<void> {
      reader.remove(readerName);
      await settle();
    },
    /** Types for TYPING_MS on the injected clock, then submits. */
    async pin(pin: string): Promise<void> {
      timers.advance(TYPING_MS);
      controller.track(h.session().submitPin(pin));
      await settle();
    },
    /** Card + PIN up to the consent screen. */
    async toConsent(spec: FakeCardSpec = {}): Promise<FakeCardState> {
      const card = await h.present(spec);
      await h.pin(spec.pin ?? '1234');
      return card;
    },
    /** From the consent screen (or the 限度額 screen) to the result, agreeing to everything asked. */
    async toResultFromConsent(): Promise<void> {
      if (h.name() === 'consent') {
        h.session().consentAll(true);
        await settle();
      }
      if (h.name() === 'limit-consent') {
        h.session().limitChoose(true);
        await settle();
      }
    },
    /** The whole PIN route to the result screen, agreeing to everything asked on the way. */
    async toResult(spec: FakeCardSpec = {}): Promise<FakeCardState> {
      const card = await h.toConsent(spec);
      await h.toResultFromConsent();
      return card;
    },
    async advance(ms: number): Promise<void> {
      timers.advance(ms);
      await settle();
    },
  };
  return h;
}

export type Harness = ReturnType<typeof createHarness>;
