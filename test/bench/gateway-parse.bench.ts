// Result files parsed per second by the gateway's reader (target ≥ 2,000/s) over the OQS corpus and over simulator-written files, against raw fast-xml-parser on the same files.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { GatewayError } from '../../electron/core/gateway/qualification-gateway';
import { simulatedPeople } from '../../electron/core/gateway/simulator/people';
import { validityLabels } from '../../electron/core/gateway/xml/codes';
import type { XmlEncoding } from '../../electron/core/gateway/xml/encoding';
import { parseResultXml, writeResultXml } from '../../electron/core/gateway/xml/result-mapper';
import { failBench } from './support/outcome';

interface BenchFile {
  name: string;
  bytes: Buffer;
  /** Handed to the raw baseline, which does not detect encodings itself. */
  encoding: XmlEncoding;
}

const fixtures = path.resolve(import.meta.dirname, '../fixtures/oqs');
const manifest = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as {
  files: Record<string, { encoding: XmlEncoding }>;
};

/** Every result file of the corpus (test/fixtures/oqs, see its README): real-shaped answers, including errors. */
const corpus: BenchFile[] = readdirSync(fixtures)
  .filter((name) => name.endsWith('.xml') && !name.startsWith('req-'))
  .sort()
  .map((name) => {
    const encoding = manifest.files[name]?.encoding;
    if (!encoding) throw new Error(`${name} is not listed in expected.json`);
    return { name, bytes: readFileSync(path.join(fixtures, name)), encoding };
  });

/** One file per simulated person, written by our own writer, alternating the encodings. */
const simulatorWritten: BenchFile[] = simulatedPeople.map((entry, index) => {
  const encoding: XmlEncoding = index % 2 === 0 ? 'utf8' : 'sjis';
  const bytes = writeResultXml(
    {
      gateway: 'oqs-folder',
      requestId: `BENCH${index}`,
      processedAt: '2026-11-27T10:00:00+09:00',
      validity: entry.validity,
      validityLabel: validityLabels[entry.validity],
      persons: [entry.person],
      consents: {
        medication: { agreed: true, consentTime: '20261127100000', availableUntil: '20261128100000' },
      },
    },
    encoding,
  );
  return { name: entry.id, bytes, encoding };
});

const rawParser = new XMLParser();
const raw = (file: BenchFile) =>
  rawParser.parse(
    file.encoding === 'sjis' ? iconv.decode(file.bytes, 'Shift_JIS') : file.bytes.toString('utf8'),
  );
/** The reader as the folder gateway calls it; "processing" and error answers end in GatewayError by design. */
const ours = (file: BenchFile) => {
  try {
    return parseResultXml(file.bytes, { gateway: 'oqs-folder' });
  } catch (error) {
    if (error instanceof GatewayError && error.code !== 'gateway.malformed-response') return error;
    throw error;
  }
};

/**
 * Files per second of wall time and of this process's CPU time. On a shared machine the wall
 * figure mostly measures the scheduler; the CPU figure is what the reader itself costs.
 */
function perSecond(
  files: readonly BenchFile[],
  fn: (file: BenchFile) => unknown,
  minMs = 2000,
): { wall: number; cpu: number } {
  for (let i = 0; i < 300; i++) fn(files[i % files.length] as BenchFile); // warm-up
  globalThis.gc?.();
  let count = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const file of files) fn(file);
    count += files.length;
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wall: (count / wallMs) * 1000, cpu: (count / cpuMs) * 1000 };
}

const target = 2000;
const fmt = (r: { wall: number; cpu: number }) =>
  `${r.cpu.toFixed(0)} files/s CPU time, ${r.wall.toFixed(0)} files/s wall time`;

console.log(`load average ${os.loadavg()[0]?.toFixed(1)}`);
for (const [label, files] of [
  ['corpus (test/fixtures/oqs)', corpus],
  ['simulator-written (one per simulated person)', simulatorWritten],
] as const) {
  const meanBytes = files.reduce((sum, f) => sum + f.bytes.length, 0) / files.length;
  const encodings = files.filter((f) => f.encoding === 'sjis').length;
  // Both in the same run, so that the ratio compares like with like on a machine whose load changes.
  const baseline = perSecond(files, raw);
  const gateway = perSecond(files, ours);
  console.log(
    `\n${label}: ${files.length} files (${files.length - encodings} UTF-8, ${encodings} Shift_JIS), mean ${(meanBytes / 1024).toFixed(1)} KB`,
  );
  console.log(`  baseline raw fast-xml-parser parse: ${fmt(baseline)}`);
  console.log(`  gateway reader (decode + validate + parse + map): ${fmt(gateway)}`);
  console.log(`  gateway / baseline: ${((gateway.cpu / baseline.cpu) * 100).toFixed(0)} % (CPU time)`);
  console.log(`  target ≥ ${target} files/s (CPU time): ${gateway.cpu >= target ? 'met' : 'MISSED'}`);
  if (gateway.cpu < target) failBench(`${label}: ${gateway.cpu.toFixed(0)} files/s < ${target}`);
}
