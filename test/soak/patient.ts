// A patient (and the staff beside them) going through one check-in on the kiosk's screens, as a person would.
import type { ConsentItem, KeyedEntry, Screen, SessionSnapshot } from '../../electron/common/contract';
import type { VirtualCardVariant } from '../../native/sim/virtual-card';
import { SOAK_CARD_PIN, SOAK_WRONG_PIN, type SoakClient, type SoakKiosk } from './soak-kiosk';

export type Route = 'pin' | 'wrong-pin' | 'visual' | 'keyed';

export interface AttemptPlan {
  index: number;
  route: Route;
  /** Card routes: whose card, and what kind of token. */
  serialHex: string;
  variant: VirtualCardVariant;
  /** Keyed route: the 資格確認書 numbers staff type. */
  entry?: KeyedEntry;
  consent: 'all-yes' | 'all-no' | 'each';
  limitConsent: boolean;
  /** The card leaves the reader after answering this many APDUs (a card pulled away mid-read). */
  removeAfterApdus?: number;
}

export interface AttemptResult {
  index: number;
  route: Route;
  /** How it ended, e.g. `result:confirmed`, `error:gateway-timeout`, `cancelled`, `out-of-service:log-down`. */
  ending: string;
  /** Stable error code, when it ended in one. */
  code?: string;
  ms: number;
  /** Set when something happened that no fault explains: the run fails. */
  unexpected?: string;
}

/** Called at each new screen the patient sees (step 0, 1, …): where faults strike mid-session. */
export type ScreenHook = (step: number, snapshot: SessionSnapshot) => Promise<void>;

/** Longest a screen may legitimately stay unchanged while the patient waits (slow gateway, pcscd away). */
const STUCK_MS = 30_000;
/** How long a presented card may take to show on the kiosk. */
const DETECT_MS = 15_000;
/** A person retyping a PIN after 「暗証番号が違います」: passes on the session clock, not in real time. */
const RETYPE_MS = 1_500;

/** Follows the patient screen through events, with a slow poll as a safety net across reloads. */
export class ScreenWatcher {
  private latest: SessionSnapshot | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly off: () => void;
  private readonly poll: NodeJS.Timeout;

  constructor(private readonly client: SoakClient) {
    this.off = client.on('session.changed', (snapshot) => this.accept(snapshot));
    // The poll is only a safety net: one that fails (the kiosk restarting closes the socket) is retried by
    // the next; `until` calls refresh itself, so a failure that matters still surfaces there.
    this.poll = setInterval(() => {
      this.refresh().catch(() => undefined);
    }, 500);
  }

  get snapshot(): SessionSnapshot | undefined {
    return this.latest;
  }

  accept(snapshot: SessionSnapshot): void {
    if (this.latest && snapshot.seq <= this.latest.seq) return;
    this.latest = snapshot;
    for (const wake of [...this.waiters]) wake();
  }

  async refresh(): Promise<SessionSnapshot | undefined> {
    const result = await this.client.invoke('session.get', {});
    if (result.ok) this.accept(result.value);
    return this.latest;
  }

  /** The first snapshot satisfying `match`, or undefined after `ms`. */
  async until(match: (s: SessionSnapshot) => boolean, ms: number): Promise<SessionSnapshot | undefined> {
    const deadline = Date.now() + ms;
    await this.refresh();
    for (;;) {
      const current = this.latest;
      if (current && match(current)) return current;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1_000));
        this.waiters.add(wake);
      });
    }
  }

  close(): void {
    clearInterval(this.poll);
    this.off();
  }
}

/**
 * A message the patient reads: they take the card and tap 終わる, as the screen asks. Without the tap the
 * message would stay `card.afterLift` seconds after the lift; the answer to the tap is not checked, since
 * the message may already have ended by itself.
 */
async function readAndLeave(kiosk: SoakKiosk): Promise<void> {
  await kiosk.slot.remove();
  await kiosk.patient.invoke('session.cancel', {});
}

const atRest = (s: SessionSnapshot): boolean =>
  s.screen.name === 'idle' || s.screen.name === 'out-of-service';

/** How a finished screen reads in the summary. */
function endingOf(screen: Screen): { ending: string; code?: string } {
  switch (screen.name) {
    case 'result':
      return { ending: `result:${screen.outcome}` };
    case 'error':
      return { ending: `error:${screen.reason}`, code: screen.code };
    case 'out-of-service':
      return { ending: `out-of-service:${screen.reason}` };
    default:
      return { ending: 'cancelled' };
  }
}

/** Intent failures a fault can cause: the screen moved on before the tap arrived. */
const raceCodes = new Set(['session.invalid-state', 'session.no-session']);

/**
 * Runs one card check-in from presenting the card to taking it back. `faulted` says a fault strikes this
 * attempt, which makes a tap that lands on a screen already gone a race, not a defect.
 */
export async function cardCheckin(
  kiosk: SoakKiosk,
  watcher: ScreenWatcher,
  plan: AttemptPlan,
  faulted: boolean,
  onScreen: ScreenHook,
): Promise<AttemptResult> {
  const started = Date.now();
  const result = (ending: { ending: string; code?: string }, unexpected?: string): AttemptResult => ({
    index: plan.index,
    route: plan.route,
    ...ending,
    ms: Date.now() - started,
    ...(unexpected ? { unexpected } : {}),
  });
  const before = watcher.snapshot?.seq ?? 0;
  await kiosk.slot.present(kiosk.makeCard(plan.variant, plan.serialHex, plan.removeAfterApdus));
  const first = await watcher.until((s) => s.seq > before && !atRest(s), DETECT_MS);
  if (!first) {
    // A card pulled away after a few APDUs can end its session before a snapshot shows it; the log's
    // row count still proves the session started.
    await kiosk.slot.remove();
    return faulted
      ? result({ ending: 'cancelled' })
      : result({ ending: 'not-detected' }, 'the presented card never showed on the kiosk');
  }

  let step = 0;
  let acted = -1;
  let pinTries = 0;
  let last: SessionSnapshot = first;
  /** The result or error screen the patient saw, which says how the attempt ended. */
  let outcome: Screen | undefined;
  for (;;) {
    const snapshot = await watcher.until((s) => s.seq > acted, STUCK_MS);
    if (!snapshot) {
      await kiosk.slot.remove();
      return result(endingOf(last.screen), `stuck on ${last.screen.name} for ${STUCK_MS} ms`);
    }
    acted = snapshot.seq;
    last = snapshot;
    if (snapshot.screen.name === 'result' || snapshot.screen.name === 'error') outcome ??= snapshot.screen;
    await onScreen(step, snapshot);
    step += 1;
    const now = watcher.snapshot ?? snapshot;
    if (now.seq !== snapshot.seq) continue; // the fault changed the screen: look again
    const screen = snapshot.screen;
    const invoke = async (
      what: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>,
    ) => {
      const answer = await what();
      if (answer.ok || !answer.error) return undefined;
      if (faulted && raceCodes.has(answer.error.code)) return undefined;
      return `${answer.error.code}: ${answer.error.message}`;
    };
    let failure: string | undefined;
    switch (screen.name) {
      case 'reading':
      case 'processing':
        break;
      case 'pin':
        if (plan.route === 'visual' && pinTries === 0) {
          // 目視 needs the card's photo: wait until the token kind is read; phones take the PIN.
          if (screen.tokenKind === null) break;
          if (screen.tokenKind === 'card') {
            failure = await invoke(() => kiosk.patient.invoke('auth.choose', { method: 'visual' }));
            break;
          }
        }
        if (pinTries > 0) kiosk.clock.advance(RETYPE_MS);
        pinTries += 1;
        failure = await invoke(() =>
          kiosk.patient.invoke('pin.submit', {
            pin: plan.route === 'wrong-pin' && pinTries === 1 ? SOAK_WRONG_PIN : SOAK_CARD_PIN,
          }),
        );
        break;
      case 'choose-auth':
        failure = await invoke(() =>
          kiosk.patient.invoke('auth.choose', { method: screen.options.includes('pin') ? 'pin' : 'visual' }),
        );
        break;
      case 'visual-wait':
        failure = await approveVisual(kiosk, faulted);
        break;
      case 'registration':
        failure = await invoke(() => kiosk.patient.invoke('registration.answer', { agreed: true }));
        break;
      case 'consent':
        failure = await answerConsent(kiosk, plan, screen.items, screen.choices, invoke);
        break;
      case 'limit-consent':
        failure = await invoke(() => kiosk.patient.invoke('limit.choose', { agreed: plan.limitConsent }));
        break;
      case 'result':
        failure = await invoke(() => kiosk.patient.invoke('result.done', {}));
        break;
      case 'take-card':
        await kiosk.slot.remove();
        break;
      case 'error':
        if (screen.reason === 'internal') {
          await kiosk.slot.remove();
          return result(endingOf(screen), `internal error on the patient screen (${screen.code})`);
        }
        await readAndLeave(kiosk);
        break;
      case 'registration-declined':
        outcome ??= screen;
        await readAndLeave(kiosk);
        break;
      case 'card-lifted':
        // The card left mid-way (a fault pulled it): the patient walks away with it.
        await kiosk.patient.invoke('session.cancel', {});
        break;
      case 'idle':
      case 'out-of-service': {
        await kiosk.slot.remove();
        const ending = endingOf(outcome ?? snapshot.screen);
        // Out of service with nothing struck means a part of the kiosk failed by itself.
        return !faulted && snapshot.screen.name === 'out-of-service'
          ? result(ending, `out of service (${snapshot.screen.reason}) with no fault struck`)
          : result(ending);
      }
    }
    if (failure) {
      await kiosk.slot.remove();
      return result(endingOf(screen), `on ${screen.name}: ${failure}`);
    }
  }
}

async function approveVisual(kiosk: SoakKiosk, faulted: boolean): Promise<string | undefined> {
  const answer = await kiosk.staffInvoke('staff.visual.approve', { reader: kiosk.slot.reader });
  if (answer.ok) return undefined;
  if (faulted && answer.error.code === 'visual.not-pending') return undefined;
  return `${answer.error.code}: ${answer.error.message}`;
}

type Invoke = (
  what: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>,
) => Promise<string | undefined>;

async function answerConsent(
  kiosk: SoakKiosk,
  plan: AttemptPlan,
  items: readonly ConsentItem[],
  choices: Partial<Record<ConsentItem, boolean>>,
  invoke: Invoke,
): Promise<string | undefined> {
  if (plan.consent !== 'each') {
    return invoke(() => kiosk.patient.invoke('consent.all', { agreed: plan.consent === 'all-yes' }));
  }
  // One item per screen update, as a person taps them one by one; then 次へ.
  const item = items.find((open) => choices[open] === undefined);
  if (item === undefined) return invoke(() => kiosk.patient.invoke('consent.done', {}));
  return invoke(() => kiosk.patient.invoke('consent.choose', { item, agreed: item !== 'surgery' }));
}

/** Staff key in a 資格確認書 at the console; the attempt is the confirmation call. */
export async function keyedCheckin(
  kiosk: SoakKiosk,
  plan: AttemptPlan,
  faulted: boolean,
): Promise<AttemptResult> {
  const started = Date.now();
  const entry = plan.entry;
  if (!entry) throw new Error(`keyed attempt ${plan.index} has no entry`);
  const answer = await kiosk.staffInvoke('staff.keyed.confirm', { entry, limitConsent: plan.limitConsent });
  const base = { index: plan.index, route: plan.route, ms: Date.now() - started };
  if (answer.ok) {
    const value = answer.value;
    return value.outcome === 'error'
      ? { ...base, ending: 'error:keyed', ...(value.errorCode ? { code: value.errorCode } : {}) }
      : { ...base, ending: `result:${value.outcome}` };
  }
  if (faulted && answer.error.code === 'log.unavailable') {
    return { ...base, ending: 'log-unavailable', code: answer.error.code };
  }
  return { ...base, ending: 'failed', code: answer.error.code, unexpected: answer.error.message };
}
