// Card reader budgets through real pcscd + vpcd (APDUs and ms per step), and the driver's per-APDU overhead vs bare pcsclite.
import { existsSync } from 'node:fs';
import { createJpkiCard } from '../../native/card';
import { loadPcsclite } from '../../native/pcsc/load-pcsclite';
import type { PcscLike, PcscReaderLike } from '../../native/pcsc/pcsc-like';
import { createPcscReaderPort } from '../../native/pcsc/pcsc-reader-port';
import type { ReaderEvent, ReaderPort } from '../../native/pcsc/reader-port';
import { createVirtualCard, presentOverVpcd } from '../../native/sim';
import { pcscdRunning, pcscdSocketPath, vpcdDriverPath } from '../support/pcscd';

const SLOT = { reader: 'Virtual PCD 00 00', port: 35963 };
const PIN = '1234';
const ROUNDS = 5;
const BLOCKS = 4;
const BLOCK_APDUS = 10;
const INSTANT_APDUS = 20_000;
const SELECT_AP = Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));

if (!pcscdRunning() || !existsSync(pcscdSocketPath) || !existsSync(vpcdDriverPath)) {
  console.log('card-reader bench: pcscd with vsmartcard-vpcd is not running here; skipped.');
  process.exit(0);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function nextEvent(port: ReaderPort, match: (e: ReaderEvent) => boolean, ms = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('bench: expected reader event did not arrive'));
    }, ms);
    const stop = port.subscribe((event) => {
      if (!match(event)) return;
      const at = performance.now();
      clearTimeout(timer);
      stop();
      resolve(at);
    });
  });
}

// ---- 1. the card route, step by step --------------------------------------------------------------

const port = createPcscReaderPort({ nameFilter: 'Virtual PCD' });
const deadline = Date.now() + 10_000;
while (!port.readers().includes(SLOT.reader)) {
  if (Date.now() > deadline) throw new Error(`bench: reader ${SLOT.reader} did not appear`);
  await new Promise((r) => setTimeout(r, 20));
}

interface Round {
  readyMs: number;
  readyApdus: number;
  certMs: number;
  certApdus: number;
  certBytes: number;
  proveMs: number;
  proveApdus: number;
}
const rounds: Round[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  const card = createVirtualCard({ pin: PIN });
  const inserted = nextEvent(port, (e) => e.type === 'card-inserted' && e.reader === SLOT.reader);
  const presentation = await presentOverVpcd({ card, port: SLOT.port });
  const t0 = await inserted;

  const shared = await port.connect(SLOT.reader, 'shared');
  const reading = createJpkiCard((apdu, options) => shared.transmit(apdu, options));
  await reading.select();
  const readyMs = performance.now() - t0;
  const readyApdus = reading.apduCount;
  const certificate = await reading.readAuthCertificate();
  const certMs = performance.now() - t0;
  const certApdus = reading.apduCount;
  await reading.pinStatus();
  await shared.disconnect();

  const t1 = performance.now();
  const exclusive = await port.connect(SLOT.reader, 'exclusive');
  const proving = createJpkiCard((apdu, options) => exclusive.transmit(apdu, options));
  await proving.verifyPin(PIN);
  await proving.signChallenge(Uint8Array.from(Buffer.from(`bench-${i}`)));
  const proveMs = performance.now() - t1;
  await exclusive.disconnect();

  rounds.push({
    readyMs,
    readyApdus,
    certMs,
    certApdus,
    certBytes: certificate.der.length,
    proveMs,
    proveApdus: proving.apduCount,
  });
  const removed = nextEvent(port, (e) => e.type === 'card-removed' && e.reader === SLOT.reader);
  await presentation.remove();
  await removed;
}

// ---- 2. per-APDU cost: the driver vs a bare pcsclite loop, same card, same run ----------------------

function bareTransmit(reader: PcscReaderLike, protocol: number): Promise<void> {
  return new Promise((resolve, reject) => {
    reader.transmit(Buffer.from(SELECT_AP), 258, protocol, (err) => (err ? reject(err) : resolve()));
  });
}

const card = createVirtualCard({ pin: PIN });
const inserted = nextEvent(port, (e) => e.type === 'card-inserted' && e.reader === SLOT.reader);
const presentation = await presentOverVpcd({ card, port: SLOT.port });
await inserted;

const bare: PcscLike = loadPcsclite();
bare.on('error', () => undefined);
const bareReaders: PcscReaderLike[] = [];
const bareReader = await new Promise<PcscReaderLike>((resolve) => {
  bare.on('reader', (reader) => {
    bareReaders.push(reader);
    reader.on('error', () => undefined);
    if (reader.name === SLOT.reader) resolve(reader);
  });
});
const bareProtocol = await new Promise<number>((resolve, reject) => {
  // SHARED, like the driver's reading connection, so both can hold the card at once.
  bareReader.connect({ share_mode: 2, protocol: 3 }, (err, protocol) =>
    err ? reject(err) : resolve(protocol ?? 2),
  );
});
const connection = await port.connect(SLOT.reader, 'shared');

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
    await connection.transmit(SELECT_AP);
    driverTimes.push(performance.now() - start);
  }
}
await connection.disconnect();
await new Promise<void>((resolve) => bareReader.disconnect(2, () => resolve()));
// Readers first, then the context (my-number-card.md §10 pitfall 10).
for (const reader of bareReaders) reader.close();
bare.close();
const removed = nextEvent(port, (e) => e.type === 'card-removed' && e.reader === SLOT.reader);
await presentation.remove();
await removed;
await port.close();

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
await new Promise((r) => setImmediate(r));
await new Promise((r) => setImmediate(r));
const instantConnection = await instantPort.connect('Instant 00 00', 'shared');
const timeLoop = async (send: () => Promise<unknown>): Promise<number> => {
  for (let i = 0; i < 500; i += 1) await send(); // warm-up
  globalThis.gc?.();
  const start = performance.now();
  for (let i = 0; i < INSTANT_APDUS; i += 1) await send();
  return ((performance.now() - start) * 1000) / INSTANT_APDUS;
};
const instantBareUs = await timeLoop(
  () =>
    new Promise<void>((resolve) => instant.reader.transmit(Buffer.from(SELECT_AP), 258, 2, () => resolve())),
);
const instantDriverUs = await timeLoop(() => instantConnection.transmit(SELECT_AP));
await instantConnection.disconnect();
await instantPort.close();

// ---- report ---------------------------------------------------------------------------------------

const pick = (key: keyof Round): number => median(rounds.map((r) => r[key]));
const verdict = (ok: boolean): string => (ok ? 'within' : 'OVER');
const bareMs = median(bareTimes);
const driverMs = median(driverTimes);
const ratio = driverMs / bareMs;
const rows: [string, string, string, string][] = [
  [
    'card-present → ready for PIN',
    `${pick('readyApdus')}`,
    pick('readyMs').toFixed(1),
    `1 APDU: ${verdict(pick('readyApdus') <= 1)}`,
  ],
  [
    `card-present → certificate (${pick('certBytes')} B)`,
    `${pick('certApdus')}`,
    pick('certMs').toFixed(1),
    `≤ 8 APDUs: ${verdict(pick('certApdus') <= 8)}`,
  ],
  ['exclusive connect → verify + sign', `${pick('proveApdus')}`, pick('proveMs').toFixed(1), '—'],
  ['APDU via bare pcsclite (baseline)', '1', bareMs.toFixed(2), '—'],
  [
    'APDU via the driver',
    '1',
    driverMs.toFixed(2),
    `≤ 1.2× baseline: ${verdict(ratio <= 1.2)} (${ratio.toFixed(3)}×)`,
  ],
];
console.log(
  `card-reader bench: pcscd + vpcd, ${ROUNDS} cards, ${BLOCKS * BLOCK_APDUS} APDUs per side (medians)`,
);
console.log(`| step | APDUs | ms | target |\n|---|---:|---:|---|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(
  `driver cost without pcscd (instant in-process reader, ${INSTANT_APDUS} APDUs): ` +
    `${instantDriverUs.toFixed(1)} µs/APDU vs bare callback ${instantBareUs.toFixed(1)} µs/APDU ` +
    `(+${(instantDriverUs - instantBareUs).toFixed(1)} µs)`,
);
