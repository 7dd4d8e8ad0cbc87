// Card reader budgets through real pcscd + vpcd: the kiosk's own APDU sequence, counted and timed, and the driver's per-APDU overhead vs bare pcsclite.
import { existsSync } from 'node:fs';
import type { Screen, SessionSnapshot } from '../../electron/common/contract';
import { buildParts, startKiosk, type KioskParts, type RunningKiosk } from '../../electron/core/app';
import { parseConfig } from '../../electron/core/config/load-config';
import { simulatedPeople } from '../../electron/core/gateway/simulator/people';
import { createInMemoryPair } from '../../electron/core/ipc/in-memory-host';
import { loadPcsclite, requirePcsclite } from '../../native/pcsc/load-pcsclite';
import type { PcscLike, PcscReaderLike } from '../../native/pcsc/pcsc-like';
import { createPcscReaderPort } from '../../native/pcsc/pcsc-reader-port';
import {
  createVirtualCard,
  presentOverVpcd,
  type VirtualCard,
  type VpcdPresentation,
} from '../../native/sim';
import { pcscdBinary, pcscdRunning, startPcscd, stopPcscd, vpcdDriverPath } from '../support/pcscd';
import { until, within } from './support/bounded';
import { failBench, skipBench } from './support/outcome';

const NAME = 'card-reader bench';
/** vpcd slot 0 of the real pcscd (my-number-card.md §8.2). */
const SLOT = { reader: 'Virtual PCD 00 00', port: 35963 };
const PIN = '1234';
const WARM_UP = 1;
const ROUNDS = 5;
const BLOCKS = 4;
const BLOCK_APDUS = 10;
const INSTANT_APDUS = 20_000;
/** The kiosk's budget from card present to the certificate in hand, as the kiosk runs it. */
const CERTIFICATE_APDU_TARGET = 8;
/** Longest wait for anything the card, vpcd or pcscd does in one step; every wait below is bounded. */
const STEP_MS = 15_000;
const SELECT_AP = Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));

type ReaderPort = NonNullable<KioskParts['checkin']>['port'];
type ReaderEvent = Parameters<Parameters<ReaderPort['subscribe']>[0]>[0];

if (!pcscdBinary() || !existsSync(vpcdDriverPath)) {
  skipBench(NAME, 'pcscd with vsmartcard-vpcd is not installed (apt-get install pcscd vsmartcard-vpcd)');
}
try {
  requirePcsclite();
} catch {
  skipBench(NAME, 'the pcsclite driver is not built here (apt-get install libpcsclite-dev, then npm ci)');
}

// A pcscd this run starts is stopped at the end; a running one (the system's) is left alone.
const startedPcscd = pcscdRunning() ? undefined : await startPcscd();

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

function nextEvent(port: ReaderPort, match: (e: ReaderEvent) => boolean, what: string): Promise<number> {
  let stop = (): void => undefined;
  const event = new Promise<number>((resolve) => {
    stop = port.subscribe((e) => {
      if (!match(e)) return;
      stop();
      resolve(performance.now());
    });
  });
  return within(event, STEP_MS, what).finally(() => stop());
}

/** Presents `card` on the bench's vpcd slot; answers the presentation and when the port saw the card. */
async function presentOnSlot(
  port: ReaderPort,
  card: VirtualCard,
): Promise<{ presentation: VpcdPresentation; insertedAt: number }> {
  const inserted = nextEvent(
    port,
    (e) => e.type === 'card-inserted' && e.reader === SLOT.reader,
    'card-inserted',
  );
  const presentation = await within(
    presentOverVpcd({ card, port: SLOT.port }),
    STEP_MS,
    'vpcd to take the card',
  );
  return { presentation, insertedAt: await inserted };
}

// ---- 1. the kiosk's own sequence: the app's parts, a real session, pcscd + vpcd ------------------------

/** One APDU on the wire: its command header (never the PIN), the EF it reads, when it went and came back. */
interface WireApdu {
  label: string;
  ins: number;
  ef: number | null;
  sentAt: number;
  answeredAt: number;
  sw: string;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** Names an APDU by its header (my-number-card.md §2) and keeps the EF it addresses; PIN data is never read. */
function describe(apdu: Uint8Array, currentEf: number | null): { label: string; ef: number | null } {
  const [, ins = 0, p1 = 0, p2 = 0, lc = 0] = apdu;
  if (ins === 0xa4 && p1 === 0x04) return { label: 'SELECT JPKI AP', ef: null };
  if (ins === 0xa4 && p1 === 0x02) {
    const fid = ((apdu[5] ?? 0) << 8) | (apdu[6] ?? 0);
    return { label: `SELECT EF ${hex4(fid)}`, ef: fid };
  }
  if (ins === 0xb0 && p1 & 0x80) {
    const fid = p1 & 0x1f;
    return { label: `READ BINARY EF ${hex4(fid)} by SFI, offset 0`, ef: fid };
  }
  if (ins === 0xb0) return { label: `READ BINARY offset ${(p1 << 8) | p2}`, ef: currentEf };
  if (ins === 0x20) {
    const empty = apdu.length <= 4 || (apdu.length === 5 && lc === 0);
    return { label: empty ? 'VERIFY, empty (tries left)' : 'VERIFY auth PIN', ef: currentEf };
  }
  if (ins === 0x2a) return { label: 'COMPUTE DIGITAL SIGNATURE', ef: currentEf };
  if (ins === 0xc0) return { label: 'GET RESPONSE', ef: currentEf };
  return { label: `INS ${ins.toString(16).toUpperCase()}`, ef: currentEf };
}

interface Round {
  pinScreenMs: number;
  pinScreenApdus: number;
  certificateMs: number;
  certificateApdus: number;
  backgroundMs: number;
  backgroundApdus: number;
  signatureMs: number;
  submitApdus: number;
  resultMs: number;
  outcome: string;
  background: WireApdu[];
  submit: WireApdu[];
  presentAt: number;
  submitAt: number;
}

const holder = simulatedPeople.find((p) => p.registered !== false && !p.answer && p.certificateSerial);
if (!holder?.certificateSerial) throw new Error('bench: no registered simulated person to present');
const holderSerial = BigInt(`0x${holder.certificateSerial}`);

/** Card present → PIN screen → certificate, then PIN submit → result, on the app's own parts. */
async function kioskSequence(): Promise<Round[]> {
  // The kiosk as a clinic runs it with a PC/SC reader; no consent screens, so PIN submit → result is
  // the machine's time alone (card, eligibility simulator answering at once, log write).
  const config = parseConfig({
    terminalName: 'ベンチ1',
    reader: { kind: 'pcsc', nameFilter: SLOT.reader },
    gateway: { adapter: 'simulator' },
    log: { path: ':memory:' },
    consent: { items: [], limitScreen: false },
  });
  const built = await buildParts(config);
  const checkin = built.parts.checkin;
  if (!checkin) throw new Error('bench: the kiosk was built without its check-in parts');
  const wire: WireApdu[] = [];
  let wireEf: number | null = null;
  const parts: KioskParts = {
    ...built.parts,
    checkin: {
      ...checkin,
      // The app's own card protocol over the app's own connection; this only watches each round trip.
      openCard: (transmit) =>
        checkin.openCard(async (apdu, options) => {
          const { label, ef } = describe(apdu, wireEf);
          if (apdu[1] === 0xa4 && apdu[2] === 0x04) wireEf = null;
          else wireEf = ef;
          const entry: WireApdu = {
            label,
            ins: apdu[1] ?? 0,
            ef,
            sentAt: performance.now(),
            answeredAt: NaN,
            sw: '',
          };
          wire.push(entry);
          const response = await transmit(apdu, options);
          entry.answeredAt = performance.now();
          entry.sw = Buffer.from(response.subarray(response.length - 2))
            .toString('hex')
            .toUpperCase();
          return response;
        }),
    },
  };
  const pair = createInMemoryPair();
  const running: RunningKiosk = await startKiosk(pair.host, config, parts);
  const ready = await within(pair.client.invoke('renderer.ready', {}), STEP_MS, 'renderer.ready');
  if (!ready.ok) throw new Error(`bench: renderer.ready failed: ${ready.error.code}`);

  /** Resolves with the time of the first snapshot matching `match`; an error screen is a named failure. */
  function screen(match: (s: Screen) => boolean, what: string): Promise<number> {
    let off = (): void => undefined;
    const seen = new Promise<number>((resolve, reject) => {
      const check = (snapshot: SessionSnapshot): void => {
        const at = performance.now();
        if (match(snapshot.screen)) resolve(at);
        else if (snapshot.screen.name === 'error')
          reject(new Error(`bench: error screen (${snapshot.screen.code}) while waiting for ${what}`));
      };
      off = running.core.subscribe(check);
      check(running.core.snapshot());
    });
    return within(seen, STEP_MS, what).finally(() => off());
  }

  const kioskPort = checkin.port;
  const rounds: Round[] = [];
  try {
    await until(() => kioskPort.readers().includes(SLOT.reader), STEP_MS, `reader ${SLOT.reader} to appear`);
    await screen((s) => s.name === 'idle', 'the idle screen');
    for (let i = 0; i < WARM_UP + ROUNDS; i += 1) {
      wire.length = 0;
      const card = createVirtualCard({ pin: PIN, serialNumber: holderSerial });
      const { presentation, insertedAt: t0 } = await presentOnSlot(kioskPort, card);
      const pinShown = await screen((s) => s.name === 'pin', 'the PIN screen');
      // The screen shows the tries left once the background reads (token kind, certificate, PIN status) are done.
      await screen((s) => s.name === 'pin' && s.triesLeft !== null, 'the tries left on the PIN screen');
      await until(
        () => wire.every((e) => !Number.isNaN(e.answeredAt)),
        STEP_MS,
        'the background APDUs to answer',
      );
      const background = wire.slice();

      const t1 = performance.now();
      const resultShown = screen((s) => s.name === 'result', 'the result screen after the PIN');
      const submitted = await within(pair.client.invoke('pin.submit', { pin: PIN }), STEP_MS, 'pin.submit');
      if (!submitted.ok) throw new Error(`bench: pin.submit failed: ${submitted.error.code}`);
      const resultAt = await resultShown;
      const snapshot = running.core.snapshot();
      const submit = wire.slice(background.length);

      const lastCertificateRead = background.findLastIndex((e) => e.ins === 0xb0 && e.ef === 0x000a);
      const certificateEntry = background[lastCertificateRead];
      const lastBackground = background.at(-1);
      const lastSubmit = submit.at(-1);
      if (!certificateEntry || !lastBackground || !lastSubmit)
        throw new Error('bench: APDUs missing from the trace');
      const round: Round = {
        pinScreenMs: pinShown - t0,
        pinScreenApdus: background.filter((e) => e.answeredAt <= pinShown).length,
        certificateMs: certificateEntry.answeredAt - t0,
        certificateApdus: lastCertificateRead + 1,
        backgroundMs: lastBackground.answeredAt - t0,
        backgroundApdus: background.length,
        signatureMs: lastSubmit.answeredAt - t1,
        submitApdus: submit.length,
        resultMs: resultAt - t1,
        outcome: snapshot.screen.name === 'result' ? snapshot.screen.outcome : snapshot.screen.name,
        background,
        submit,
        presentAt: t0,
        submitAt: t1,
      };
      if (i >= WARM_UP) rounds.push(round);

      // The patient taps 終了 on the result, is asked to take the card, and takes it.
      const takeCard = screen((s) => s.name === 'take-card', 'the take-card screen');
      const done = await within(pair.client.invoke('result.done', {}), STEP_MS, 'result.done');
      if (!done.ok) throw new Error(`bench: result.done failed: ${done.error.code}`);
      await takeCard;

      const removed = nextEvent(
        kioskPort,
        (e) => e.type === 'card-removed' && e.reader === SLOT.reader,
        'card-removed',
      );
      await within(presentation.remove(), STEP_MS, 'vpcd to let the card go');
      await removed;
      await screen((s) => s.name === 'idle', 'the idle screen after the card left');
    }
  } finally {
    await within(running.stop(), STEP_MS, 'the kiosk to stop').catch((e: unknown) => console.error(e));
    await within(built.close(), STEP_MS, 'the kiosk parts to close').catch((e: unknown) => console.error(e));
  }
  return rounds;
}

// ---- 2. per-APDU cost: the driver vs a bare pcsclite loop, same card, same run ----------------------

/** Median-ready round trips of one SELECT: bare pcsclite and the driver, alternating blocks on one card. */
async function perApduCost(): Promise<{ bareTimes: number[]; driverTimes: number[] }> {
  const port = createPcscReaderPort({ nameFilter: 'Virtual PCD' });
  await until(() => port.readers().includes(SLOT.reader), STEP_MS, `reader ${SLOT.reader} to appear`);

  function bareTransmit(reader: PcscReaderLike, protocol: number): Promise<void> {
    const sent = new Promise<void>((resolve, reject) => {
      reader.transmit(Buffer.from(SELECT_AP), 258, protocol, (err) => (err ? reject(err) : resolve()));
    });
    return within(sent, STEP_MS, 'a bare pcsclite transmit');
  }

  const { presentation } = await presentOnSlot(port, createVirtualCard({ pin: PIN }));

  const bare: PcscLike = loadPcsclite();
  bare.on('error', () => undefined);
  const bareReaders: PcscReaderLike[] = [];
  const bareReader = await within(
    new Promise<PcscReaderLike>((resolve) => {
      bare.on('reader', (reader) => {
        bareReaders.push(reader);
        reader.on('error', () => undefined);
        if (reader.name === SLOT.reader) resolve(reader);
      });
    }),
    STEP_MS,
    `bare pcsclite to report ${SLOT.reader}`,
  );
  const bareProtocol = await within(
    new Promise<number>((resolve, reject) => {
      // SHARED, like the driver's reading connection, so both can hold the card at once.
      bareReader.connect({ share_mode: 2, protocol: 3 }, (err, protocol) =>
        err ? reject(err) : resolve(protocol ?? 2),
      );
    }),
    STEP_MS,
    'a bare pcsclite connect',
  );
  const connection = await within(port.connect(SLOT.reader, 'shared'), STEP_MS, 'the driver to connect');

  const bareTimes: number[] = [];
  const driverTimes: number[] = [];
  for (let block = 0; block < BLOCKS; block += 1) {
    // Alternate blocks so drift in pcscd/vpcd affects both sides alike.
    for (let i = 0; i < BLOCK_APDUS; i += 1) {
      const start = performance.now();
      await bareTransmit(bareReader, bareProtocol);
      bareTimes.push(performance.now() - start);
    }
    for (let i = 0; i < BLOCK_APDUS; i += 1) {
      const start = performance.now();
      await within(connection.transmit(SELECT_AP), STEP_MS, 'a transmit through the driver');
      driverTimes.push(performance.now() - start);
    }
  }
  await within(connection.disconnect(), STEP_MS, 'the driver to disconnect');
  await within(
    new Promise<void>((resolve) => bareReader.disconnect(2, () => resolve())),
    STEP_MS,
    'a bare pcsclite disconnect',
  );
  // Readers first, then the context (my-number-card.md §10 pitfall 10).
  for (const reader of bareReaders) reader.close();
  bare.close();
  const removed = nextEvent(
    port,
    (e) => e.type === 'card-removed' && e.reader === SLOT.reader,
    'card-removed',
  );
  await within(presentation.remove(), STEP_MS, 'vpcd to let the card go');
  await removed;
  await within(port.close(), STEP_MS, 'the driver to close');
  return { bareTimes, driverTimes };
}

let rounds: Round[];
let bareTimes: number[];
let driverTimes: number[];
try {
  rounds = await kioskSequence();
  ({ bareTimes, driverTimes } = await perApduCost());
} finally {
  if (startedPcscd !== undefined) await stopPcscd(startedPcscd);
}

// ---- 3. the driver's own cost, without pcscd: an instant in-process reader ---------------------------

function instantStack(): { factory: () => PcscLike; reader: PcscReaderLike } {
  type Listener = (...args: never[]) => void;
  const on = (map: Map<string, Listener[]>) =>
    function (this: unknown, event: string, listener: Listener) {
      map.set(event, [...(map.get(event) ?? []), listener]);
      return this;
    };
  const readerListeners = new Map<string, Listener[]>();
  const response = Buffer.from([0x90, 0x00]);
  const reader: PcscReaderLike = {
    name: 'Instant 00 00',
    connected: false,
    on: on(readerListeners),
    connect(_options, cb) {
      this.connected = true;
      setImmediate(() => cb(null, 2));
    },
    disconnect(_disposition, cb) {
      this.connected = false;
      setImmediate(() => cb(null));
    },
    transmit(_data, _resLen, _protocol, cb) {
      setImmediate(() => cb(null, response));
    },
    close: () => undefined,
  };
  const pcscListeners = new Map<string, Listener[]>();
  const pcsc: PcscLike = { on: on(pcscListeners), close: () => undefined };
  return {
    reader,
    factory: () => {
      setImmediate(() => {
        for (const l of pcscListeners.get('reader') ?? []) (l as (r: PcscReaderLike) => void)(reader);
        for (const l of readerListeners.get('status') ?? []) {
          (l as (s: { state: number; atr: Uint8Array }) => void)({
            state: 0x10022,
            atr: Uint8Array.of(0x3b),
          });
        }
      });
      return pcsc;
    },
  };
}

const instant = instantStack();
const instantPort = createPcscReaderPort({ pcsc: instant.factory });
await until(() => instantPort.readers().includes('Instant 00 00'), STEP_MS, 'the instant reader to appear');
const instantConnection = await within(
  instantPort.connect('Instant 00 00', 'shared'),
  STEP_MS,
  'the instant reader to connect',
);
const timeLoop = async (send: () => Promise<unknown>): Promise<number> => {
  for (let i = 0; i < 500; i += 1) await send(); // warm-up
  globalThis.gc?.();
  const start = performance.now();
  for (let i = 0; i < INSTANT_APDUS; i += 1) await send();
  return ((performance.now() - start) * 1000) / INSTANT_APDUS;
};
const instantBareUs = await within(
  timeLoop(
    () =>
      new Promise<void>((resolve) =>
        instant.reader.transmit(Buffer.from(SELECT_AP), 258, 2, () => resolve()),
      ),
  ),
  60_000,
  'the instant bare loop',
);
const instantDriverUs = await within(
  timeLoop(() => instantConnection.transmit(SELECT_AP)),
  60_000,
  'the instant driver loop',
);
await within(instantConnection.disconnect(), STEP_MS, 'the instant reader to disconnect');
await within(instantPort.close(), STEP_MS, 'the instant reader to close');

// ---- report ---------------------------------------------------------------------------------------

const pick = (key: keyof Round): number =>
  median(rounds.map((r) => r[key]).filter((v): v is number => typeof v === 'number'));
const verdict = (ok: boolean): string => (ok ? 'within' : 'OVER');
const bareMs = median(bareTimes);
const driverMs = median(driverTimes);
const ratio = driverMs / bareMs;
const certificateApdus = pick('certificateApdus');
const rows: [string, string, string, string][] = [
  [
    'card present → PIN screen',
    `${pick('pinScreenApdus')}`,
    pick('pinScreenMs').toFixed(1),
    '1 APDU: ' + verdict(pick('pinScreenApdus') <= 1),
  ],
  [
    'card present → certificate read (kiosk order: token kind, certificate, PIN status)',
    `${certificateApdus}`,
    pick('certificateMs').toFixed(1),
    `≤ ${CERTIFICATE_APDU_TARGET} APDUs: ${verdict(certificateApdus <= CERTIFICATE_APDU_TARGET)}`,
  ],
  [
    'card present → background reads done',
    `${pick('backgroundApdus')}`,
    pick('backgroundMs').toFixed(1),
    '—',
  ],
  [
    'PIN submit → signature (exclusive reconnect, tries left, VERIFY, sign)',
    `${pick('submitApdus')}`,
    pick('signatureMs').toFixed(1),
    '—',
  ],
  [
    'PIN submit → result screen (+ eligibility simulator, log write)',
    `${pick('submitApdus')}`,
    pick('resultMs').toFixed(1),
    '—',
  ],
  ['APDU via bare pcsclite (baseline)', '1', bareMs.toFixed(2), '—'],
  [
    'APDU via the driver',
    '1',
    driverMs.toFixed(2),
    `≤ 1.2× baseline: ${verdict(ratio <= 1.2)} (${ratio.toFixed(3)}×)`,
  ],
];
console.log(
  `${NAME}: pcscd + vpcd, the kiosk's session on ${ROUNDS} cards after ${WARM_UP} warm-up ` +
    `(outcomes: ${[...new Set(rounds.map((r) => r.outcome))].join(', ')}), ${BLOCKS * BLOCK_APDUS} APDUs per side (medians)`,
);
console.log(`| step | APDUs | ms | target |\n|---|---:|---:|---|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const first = rounds[0];
if (first) {
  console.log(
    "the kiosk's APDUs, first measured card (sent at ms after card present / PIN submit; round trip ms):",
  );
  const list = (phase: string, entries: WireApdu[], from: number): void => {
    entries.forEach((e, n) =>
      console.log(
        `  ${phase} ${String(n + 1).padStart(2)}. ${e.label.padEnd(44)} ${e.sw}  at ${(e.sentAt - from).toFixed(1).padStart(6)}  rt ${(e.answeredAt - e.sentAt).toFixed(1)}`,
      ),
    );
  };
  list('card present', first.background, first.presentAt);
  list('PIN submit  ', first.submit, first.submitAt);
}
console.log(
  `driver cost without pcscd (instant in-process reader, ${INSTANT_APDUS} APDUs): ` +
    `${instantDriverUs.toFixed(1)} µs/APDU vs bare callback ${instantBareUs.toFixed(1)} µs/APDU ` +
    `(+${(instantDriverUs - instantBareUs).toFixed(1)} µs)`,
);
if (certificateApdus > CERTIFICATE_APDU_TARGET) {
  failBench(
    `the kiosk needs ${certificateApdus} APDUs from card present to the certificate (target ≤ ${CERTIFICATE_APDU_TARGET})`,
  );
}
// Everything above is closed; a native handle left behind must not turn a finished run into a hang.
process.exit(process.exitCode ?? 0);
