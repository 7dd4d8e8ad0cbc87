// `npm run sim:terminal -- --dir <folder> [--encoding sjis] [--delay-ms 200]`: run the terminal simulator on a folder.
import { parseArgs } from 'node:util';
import { createClinicClock } from '../clock/clinic-clock';
import { startTerminalSimulator } from './terminal-simulator';

const usage = 'usage: npm run sim:terminal -- --dir <folder> [--encoding utf8|sjis] [--delay-ms 200]\n';

async function main(): Promise<number> {
  let values: { dir?: string; encoding?: string; 'delay-ms'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        dir: { type: 'string' },
        encoding: { type: 'string', default: 'utf8' },
        'delay-ms': { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const encoding = values.encoding === 'sjis' || values.encoding === 'utf8' ? values.encoding : undefined;
  const delayMs = Number(values['delay-ms']);
  if (!values.dir || !encoding || !Number.isFinite(delayMs) || delayMs < 0) {
    process.stderr.write(usage);
    return 2;
  }
  // The terminal answers in Japan's time, as the real 資格確認端末 does, whatever the machine's zone.
  const clock = createClinicClock();
  const sim = await startTerminalSimulator({
    dir: values.dir,
    encoding,
    delayMs,
    clock: () => clock.now(),
    onAnswer: (e) =>
      process.stdout.write(
        `${clock.clinicIso(clock.now())} ${e.requestFile} → ${e.resultFile ?? '(応答なし)'} [${e.kind}] ${e.answerMs} ms\n`,
      ),
  });
  process.stdout.write(
    `terminal simulator: watching ${values.dir}/req (encoding ${encoding}, delay ${delayMs} ms). Ctrl+C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
