// `npm run sim:card`: presents one virtual My Number card to a real pcscd through vpcd until stopped.
import { parseArgs } from 'node:util';
import {
  createVirtualCard,
  virtualCardVariants,
  type VirtualCard,
  type VirtualCardVariant,
} from './virtual-card';
import { presentOverVpcd, vpcdDefaultPort } from './vpcd-client';

const usage = `Usage: npm run sim:card -- [--slot 0|1] [--card <variant>] [--pin 1234] [--sign-password ABC123]
                        [--serial <hex>] [--latency <ms>] [--holder-name <name>] [--state-file <path>]
                        [--host 127.0.0.1]

Presents a virtual My Number card to pcscd through vsmartcard-vpcd until Ctrl-C (= the card is removed).
  --slot      vpcd slot: 0 = port ${vpcdDefaultPort} ("Virtual PCD 00 00"), 1 = port ${vpcdDefaultPort + 1} ("Virtual PCD 00 01"). Default 0.
  --card      ${virtualCardVariants.join(' | ')}. Default physical.
  --serial    serial number of the 利用者証明用 certificate, in hex.
  --latency   delay of every APDU in milliseconds (a slow card).
  --state-file  JSON file keeping the PIN retry counters across runs.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOptions {
  slot: 0 | 1;
  host: string;
  card: VirtualCardVariant;
  pin?: string;
  signPassword?: string;
  serialNumber?: bigint;
  latencyMs?: number;
  holderName?: string;
  stateFile?: string;
  help: boolean;
}

/** Parses and checks the command line; every problem is a UsageError with a clear message. */
export function parseCliArgs(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        slot: { type: 'string' },
        host: { type: 'string' },
        card: { type: 'string' },
        pin: { type: 'string' },
        'sign-password': { type: 'string' },
        serial: { type: 'string' },
        latency: { type: 'string' },
        'holder-name': { type: 'string' },
        'state-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const slot = values.slot ?? '0';
  if (slot !== '0' && slot !== '1') throw new UsageError(`--slot must be 0 or 1, not "${slot}"`);
  const card = values.card ?? 'physical';
  if (!(virtualCardVariants as readonly string[]).includes(card)) {
    throw new UsageError(`--card must be one of ${virtualCardVariants.join(', ')}; got "${card}"`);
  }
  if (values.pin !== undefined && !/^[0-9]{4}$/.test(values.pin))
    throw new UsageError('--pin must be 4 digits');
  if (values['sign-password'] !== undefined && !/^[A-Z0-9]{6,16}$/.test(values['sign-password'])) {
    throw new UsageError('--sign-password must be 6–16 characters of A–Z and 0–9');
  }
  let serialNumber: bigint | undefined;
  if (values.serial !== undefined) {
    const hex = values.serial.replace(/^0x/i, '');
    if (!/^[0-9a-fA-F]{1,40}$/.test(hex) || BigInt(`0x${hex}`) === 0n) {
      throw new UsageError(`--serial must be a positive hexadecimal number, not "${values.serial}"`);
    }
    serialNumber = BigInt(`0x${hex}`);
  }
  let latencyMs: number | undefined;
  if (values.latency !== undefined) {
    latencyMs = Number(values.latency);
    if (!/^\d+$/.test(values.latency) || latencyMs > 60_000) {
      throw new UsageError(
        `--latency must be whole milliseconds between 0 and 60000, not "${values.latency}"`,
      );
    }
  }
  return {
    slot: slot === '0' ? 0 : 1,
    host: values.host ?? '127.0.0.1',
    card: card as VirtualCardVariant,
    ...(values.pin !== undefined ? { pin: values.pin } : {}),
    ...(values['sign-password'] !== undefined ? { signPassword: values['sign-password'] } : {}),
    ...(serialNumber !== undefined ? { serialNumber } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(values['holder-name'] !== undefined ? { holderName: values['holder-name'] } : {}),
    ...(values['state-file'] !== undefined ? { stateFile: values['state-file'] } : {}),
    help: values.help ?? false,
  };
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`sim:card: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    console.log(usage);
    return 0;
  }
  let card: VirtualCard;
  try {
    card = createVirtualCard({
      variant: options.card,
      ...(options.pin !== undefined ? { pin: options.pin } : {}),
      ...(options.signPassword !== undefined ? { signPassword: options.signPassword } : {}),
      ...(options.serialNumber !== undefined ? { serialNumber: options.serialNumber } : {}),
      ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
      ...(options.holderName !== undefined ? { holderName: options.holderName } : {}),
      ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    });
  } catch (error) {
    console.error(`sim:card: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const port = vpcdDefaultPort + options.slot;
  const reader = `Virtual PCD 00 0${options.slot}`;
  console.log(
    `sim:card: virtual card "${card.variant}" (certificate serial ${card.serialNumber.toString(16).toUpperCase()}), ` +
      `vpcd slot ${options.slot} (${options.host}:${port}, reader "${reader}"). Connecting…`,
  );
  const presentation = await presentOverVpcd({
    card,
    port,
    host: options.host,
    reconnect: true,
    onStatus: (message) => console.log(`sim:card: ${message}`),
  }).catch((error: unknown) => {
    console.error(`sim:card: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (!presentation) return 1;
  console.log('sim:card: the card is in the reader. Press Ctrl-C to remove it.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nsim:card: removing the card…');
    void presentation.remove();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await presentation.done;
  console.log(stopping ? 'sim:card: card removed.' : 'sim:card: the card left the reader.');
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('sim:card failed:', error);
      process.exit(1);
    },
  );
}
