// Builds the configured card reader: the PC/SC driver, or the virtual reader that is loaded only when simulating.
import { requirePcsclite } from '../../native/pcsc/load-pcsclite';
import type { PcscFactory } from '../../native/pcsc/pcsc-like';
import { createPcscReaderPort } from '../../native/pcsc/pcsc-reader-port';
import type { ReaderPort } from '../../native/reader/reader-port';
import type { SimulatedReaderPort } from '../../native/sim/simulated-reader-port';
import type { VirtualCard } from '../../native/sim/virtual-card';
import type { SimCardVariant } from '../common/contract';
import type { KioskConfig } from './config/config-schema';

/** A virtual card of this variant carrying the holder's certificate serial (hex), with this PIN. */
export type MakeVirtualCard = (variant: SimCardVariant, serialHex: string, pin: string) => VirtualCard;

/** The reader a kiosk runs on; a simulated one also hands out the virtual cards the simulator panel presents. */
export type ReaderSetup =
  | { kind: 'pcsc'; port: ReaderPort }
  | { kind: 'simulated'; port: SimulatedReaderPort; makeCard: MakeVirtualCard };

export interface ReaderFactoryDeps {
  /** The pcsclite context factory; by default the native module, loaded at once so a missing driver stops the start. */
  pcsc?: PcscFactory;
}

/**
 * The reader for `reader.kind`. The virtual card, its test PKI and the in-process reader are imported here,
 * on demand, and nowhere else outside native/: a production (pcsc) kiosk never loads them, and the shipped
 * main bundle does not contain them (test/unit/scripts/build-electron.test.ts).
 */
export async function createReaderPort(
  reader: KioskConfig['reader'],
  deps: ReaderFactoryDeps = {},
): Promise<ReaderSetup> {
  if (reader.kind === 'pcsc') {
    // A kiosk set up for a real reader is useless without the optional pcsclite driver: loading it here stops
    // the start with a message naming the package, before anything else is opened.
    const pcsc = deps.pcsc ?? requirePcsclite();
    return { kind: 'pcsc', port: createPcscReaderPort({ nameFilter: reader.nameFilter, pcsc }) };
  }
  const [{ createSimulatedReaderPort }, { createVirtualCard }] = await Promise.all([
    import('../../native/sim/simulated-reader-port'),
    import('../../native/sim/virtual-card'),
  ]);
  return {
    kind: 'simulated',
    port: createSimulatedReaderPort(),
    makeCard: (variant, serialHex, pin) =>
      createVirtualCard({ variant, pin, serialNumber: BigInt(`0x${serialHex}`) }),
  };
}
