// Chooses and builds the qualification gateway adapter from settings: the simulator (default) or the oqs-folder interface.
import { createFaceOutbox, withFaceOutbox } from './face-outbox';
import { createOqsFolderGateway } from './oqs-folder/oqs-folder-gateway';
import type { QualificationGateway } from './qualification-gateway';
import {
  createSimulatorGateway,
  SIMULATOR_MEDICAL_INSTITUTION_CODE,
  type SimulatorFaults,
  type SimulatorGateway,
} from './simulator/simulator-gateway';
import type { XmlEncoding } from './xml/encoding';

export type GatewayConfig =
  | {
      kind: 'simulator';
      latencyMs?: number;
      faults?: SimulatorFaults;
      /** When set, confirmations are also written here as face-style result files. */
      faceOutboxDir?: string;
      medicalInstitutionCode?: string;
      encoding?: XmlEncoding;
    }
  | {
      kind: 'oqs-folder';
      dir: string;
      medicalInstitutionCode: string;
      timeoutMs: number;
      pollMs?: number;
      encoding?: XmlEncoding;
      faceOutboxDir?: string;
    };

/** A simulator gateway (possibly with a face outbox) exposes its fault controls. */
export function isSimulatorGateway(gateway: QualificationGateway): gateway is SimulatorGateway {
  return gateway.kind === 'simulator' && 'setFaults' in gateway;
}

export interface GatewayDeps {
  clock: () => Date;
  random?: () => number;
}

export function createGateway(config: GatewayConfig, deps: GatewayDeps): QualificationGateway {
  if (config.kind === 'oqs-folder') {
    const { kind: _kind, ...options } = config;
    return createOqsFolderGateway({ ...options, clock: deps.clock });
  }
  const medicalInstitutionCode = config.medicalInstitutionCode ?? SIMULATOR_MEDICAL_INSTITUTION_CODE;
  const simulator = createSimulatorGateway({
    clock: deps.clock,
    latencyMs: config.latencyMs,
    faults: config.faults,
    random: deps.random,
    medicalInstitutionCode,
  });
  if (!config.faceOutboxDir) return simulator;
  return withFaceOutbox(
    simulator,
    createFaceOutbox({
      dir: config.faceOutboxDir,
      medicalInstitutionCode,
      clock: deps.clock,
      encoding: config.encoding,
    }),
  );
}
