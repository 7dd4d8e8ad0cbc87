// What one check-in session is given: its settings, its ports and the callbacks to its owner.
import type { ConsentItem, TimeoutSettings } from '../../common/contract';
import type { ReaderPort } from '../../../native/reader/reader-port';
import type { ClinicClock } from '../clock/clinic-clock';
import type { QualificationGateway } from '../gateway/qualification-gateway';
import type { ConfirmationLog } from '../log/confirmation-log';
import type { PinSubmitLimits } from './pin-rate-limit';
import type { OpenCard, RulesPort, Timers } from './ports';

export interface SessionSettings {
  terminalName: string;
  consentItems: readonly ConsentItem[];
  /** Ask whether the desk may use the 限度額 information (config `consent.limitScreen`). */
  limitConsentScreen: boolean;
  /** The patient's result screen shows the copay ratio and 限度額 class (config `resultScreen.showCopayAndLimit`). */
  resultShowsCopayAndLimit: boolean;
  timeouts: TimeoutSettings;
  /** Seconds a lifted card has to come back, and a message stays readable after the card leaves (config `card.*`). */
  card: { resume: number; afterLift: number };
}

export type HealthProblem = 'gateway' | 'log';

export interface CheckinSessionDeps {
  reader: string;
  port: ReaderPort;
  openCard: OpenCard;
  gateway: QualificationGateway;
  log: ConfirmationLog;
  rules: RulesPort;
  clock: ClinicClock;
  timers: Timers;
  settings: SessionSettings;
  random?: (bytes: number) => Uint8Array;
  /** PIN submission limits; PIN_SUBMIT_LIMITS when not given. */
  pinLimits?: PinSubmitLimits;
  /** The patient screen changed. */
  onChange(): void;
  /** The session is over and has wiped its data; `problem` asks for the out-of-service screen. */
  onEnd(problem?: HealthProblem): void;
  /** A visual check started waiting, or stopped waiting. */
  onVisual(waiting: boolean): void;
  /** A row was committed to the log. */
  onRecorded(): void;
  /** The gateway looked unhealthy; the session goes on to its error screen. */
  onGatewayTrouble(): void;
  /** The log refused a row while the card is still on the reader: out of service once the card is taken. */
  onProblem?(problem: HealthProblem): void;
  /** A card has lain on the take-card screen past `timeouts.takeCard` (true), or that card was taken (false). */
  onCardLeft?(left: boolean): void;
  /** Work the session started on its own (background reads, the confirmation), so owners can await it. */
  track?(work: Promise<void>): void;
}
