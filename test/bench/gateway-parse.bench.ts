// Result files parsed per second by the gateway's reader (target ≥ 2,000/s), against raw fast-xml-parser on the same files.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { validityLabels } from '../../electron/core/gateway/xml/codes';
import type { XmlEncoding } from '../../electron/core/gateway/xml/encoding';
import { simulatedPeople } from '../../electron/core/gateway/simulator/people';
import { parseResultXml, writeResultXml } from '../../electron/core/gateway/xml/result-mapper';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/oqs');
const files: { bytes: Buffer; encoding: XmlEncoding }[] = [
  { bytes: readFileSync(path.join(fixtures, 'face-full-utf8.xml')), encoding: 'utf8' },
  { bytes: readFileSync(path.join(fixtures, 'face-full-sjis.xml')), encoding: 'sjis' },
  { bytes: readFileSync(path.join(fixtures, 'res-multiple-utf8.xml')), encoding: 'utf8' },
];
for (const [index, entry] of simulatedPeople.entries()) {
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
  files.push({ bytes, encoding });
}

const rawParser = new XMLParser();
const raw = (file: (typeof files)[number]) =>
  rawParser.parse(
    file.encoding === 'sjis' ? iconv.decode(file.bytes, 'Shift_JIS') : file.bytes.toString('utf8'),
  );
const ours = (file: (typeof files)[number]) => parseResultXml(file.bytes, { gateway: 'oqs-folder' });

/**
 * Files per second of wall time and of this process's CPU time. On a shared machine the wall
 * figure mostly measures the scheduler; the CPU figure is what the reader itself costs.
 */
function perSecond(
  fn: (file: (typeof files)[number]) => unknown,
  minMs = 2000,
): { wall: number; cpu: number } {
  for (let i = 0; i < 300; i++) fn(files[i % files.length] as (typeof files)[number]); // warm-up
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

const meanBytes = files.reduce((sum, f) => sum + f.bytes.length, 0) / files.length;
const baseline = perSecond(raw);
const gateway = perSecond(ours);
const target = 2000;
const fmt = (r: { wall: number; cpu: number }) =>
  `${r.cpu.toFixed(0)} files/s CPU time, ${r.wall.toFixed(0)} files/s wall time`;
console.log(
  `${files.length} result files (UTF-8 and Shift_JIS), mean ${(meanBytes / 1024).toFixed(1)} KB, load average ${os.loadavg()[0]?.toFixed(1)}`,
);
console.log(`baseline raw fast-xml-parser parse: ${fmt(baseline)}`);
console.log(`gateway reader (decode + validate + parse + map): ${fmt(gateway)}`);
console.log(`gateway / baseline: ${((gateway.cpu / baseline.cpu) * 100).toFixed(0)} % (CPU time)`);
console.log(`target ≥ ${target} files/s (CPU time): ${gateway.cpu >= target ? 'met' : 'MISSED'}`);
process.exitCode = gateway.cpu >= target ? 0 : 1;
