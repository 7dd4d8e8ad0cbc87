// A stand-in for the 資格確認端末: answers each req/OQSsiquc01req_* file with a res/ file from the simulator's people, echoing the request's header.
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, open, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  REQUEST_FOLDER,
  REQUEST_PREFIX,
  RESULT_FOLDER,
  RESULT_PREFIX,
} from './oqs-folder/oqs-folder-gateway';
import { GatewayError } from './qualification-gateway';
import {
  createSimulatorGateway,
  outcomeToDocument,
  type SimulatedOutcome,
  type SimulatedRequestHeader,
  type SimulatorGateway,
} from './simulator/simulator-gateway';
import { formatOqsDateTime, oqsDateTimeToIso } from './xml/codes';
import type { XmlEncoding } from './xml/encoding';
import { readRequestXml, requestDocumentToKeyed } from './xml/request-xml';
import { writeResultDocument } from './xml/result-document';
import { errorDocument } from './xml/result-mapper';

export interface TerminalAnswerEvent {
  requestFile: string;
  /** Undefined when the simulated terminal chose not to answer (timeout fault). */
  resultFile?: string;
  kind: SimulatedOutcome['kind'] | 'bad-request';
  /** Milliseconds from noticing the request to the answer being fully written. */
  answerMs: number;
  /** performance.now() milliseconds when the request was noticed and when the answer was fully written. */
  noticedAt: number;
  answeredAt: number;
}

export interface TerminalSimulatorOptions {
  /** The shared folder; req/ and res/ are created when missing. */
  dir: string;
  encoding?: XmlEncoding;
  /** Time the terminal takes before it writes the answer. */
  delayMs?: number;
  clock: () => Date;
  /** Where answers come from; its faults (timeout, malformed, error) shape the files written. */
  gateway?: SimulatorGateway;
  pollMs?: number;
  /** Write each answer in two halves with this pause between them, as a slow writer would. */
  partialWritePauseMs?: number;
  onAnswer?: (event: TerminalAnswerEvent) => void;
}

export interface TerminalSimulator {
  readonly gateway: SimulatorGateway;
  setDelayMs(ms: number): void;
  setPartialWritePauseMs(ms: number | undefined): void;
  /** Stop watching; waits for answers already being written. */
  stop(): Promise<void>;
}

const requestPattern = new RegExp(`^${REQUEST_PREFIX}([A-Za-z0-9_-]+)\\.xml$`);

export async function startTerminalSimulator(options: TerminalSimulatorOptions): Promise<TerminalSimulator> {
  const reqDir = path.join(options.dir, REQUEST_FOLDER);
  const resDir = path.join(options.dir, RESULT_FOLDER);
  await mkdir(reqDir, { recursive: true });
  await mkdir(resDir, { recursive: true });
  const gateway = options.gateway ?? createSimulatorGateway({ clock: options.clock });
  const encoding = options.encoding ?? 'utf8';
  let delayMs = options.delayMs ?? 0;
  let partialPause = options.partialWritePauseMs;
  const seen = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  async function writeAnswer(file: string, bytes: Buffer): Promise<void> {
    if (partialPause === undefined) {
      await writeFile(file, bytes);
      return;
    }
    const handle = await open(file, 'w');
    try {
      const half = Math.floor(bytes.length / 2);
      await handle.write(bytes.subarray(0, half));
      await delay(partialPause);
      await handle.write(bytes.subarray(half));
    } finally {
      await handle.close();
    }
  }

  async function answer(name: string, suffix: string): Promise<void> {
    const started = performance.now();
    let header: Partial<SimulatedRequestHeader> = { requestId: suffix };
    let outcome: SimulatedOutcome | undefined;
    let bytes: Buffer | undefined;
    try {
      const doc = readRequestXml(await readFile(path.join(reqDir, name)));
      // The answer echoes the request's header (§2.3, §2.4); what the request leaves out, the terminal fills in.
      header = {
        requestId: doc.header.ArbitraryFileIdentifier ?? suffix,
        medicalInstitutionCode: doc.header.MedicalInstitutionCode,
        confirmationDate: doc.header.QualificationConfirmationDate,
      };
      outcome = gateway.decide(requestDocumentToKeyed(doc), header);
    } catch (error) {
      const processedAt = oqsDateTimeToIso(formatOqsDateTime(options.clock())) ?? '';
      const echoed: Parameters<typeof errorDocument>[0] = {
        segment: '9',
        requestId: header.requestId ?? suffix,
        processedAt,
        errorCode: 'SIM-REQ',
        errorMessage: error instanceof GatewayError ? error.message : '要求ファイルを読み取れません。',
      };
      const code = header.medicalInstitutionCode?.trim();
      const date = header.confirmationDate?.trim();
      if (code) echoed.medicalInstitutionCode = code;
      if (date) echoed.confirmationDate = date;
      bytes = writeResultDocument(errorDocument(echoed), encoding);
    }
    if (delayMs > 0) await delay(delayMs);
    if (outcome?.kind === 'malformed') {
      bytes = outcome.bytes;
    } else if (outcome && outcome.kind !== 'no-answer') {
      bytes = writeResultDocument(outcomeToDocument(outcome), encoding);
    }
    const resultFile = bytes ? `${RESULT_PREFIX}${suffix}.xml` : undefined;
    if (bytes && resultFile) await writeAnswer(path.join(resDir, resultFile), bytes);
    const answeredAt = performance.now();
    const event: TerminalAnswerEvent = {
      requestFile: name,
      kind: outcome?.kind ?? 'bad-request',
      answerMs: answeredAt - started,
      noticedAt: started,
      answeredAt,
    };
    if (resultFile) event.resultFile = resultFile;
    options.onAnswer?.(event);
  }

  let scanning = false;
  let rescan = false;
  async function scan(): Promise<void> {
    if (stopped) return;
    if (scanning) {
      rescan = true;
      return;
    }
    scanning = true;
    try {
      do {
        rescan = false;
        let names: string[];
        try {
          names = await readdir(reqDir);
        } catch {
          return;
        }
        for (const name of names.sort()) {
          const match = requestPattern.exec(name);
          if (!match?.[1] || seen.has(name) || stopped) continue;
          seen.add(name);
          const job = answer(name, match[1])
            .catch((error: unknown) => console.error(`[terminal-sim] ${name}:`, error))
            .finally(() => inFlight.delete(job));
          inFlight.add(job);
        }
      } while (rescan && !stopped);
    } finally {
      scanning = false;
    }
  }

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(reqDir, { persistent: false }, () => void scan());
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  const timer = setInterval(() => void scan(), Math.max(10, options.pollMs ?? 50));
  await scan();

  return {
    gateway,
    setDelayMs(ms) {
      delayMs = ms;
    },
    setPartialWritePauseMs(ms) {
      partialPause = ms;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
      await Promise.allSettled([...inFlight]);
    },
  };
}
