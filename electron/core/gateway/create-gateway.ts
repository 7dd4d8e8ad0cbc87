// Chooses and builds the qualification gateway adapter from settings: the simulator (default) or the oqs-folder interface.
import path from 'node:path';
import { KioskError } from '../../common/errors';
import type { KioskConfig } from '../config/config-schema';
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

/**
 * The gateway a kiosk's settings ask for. The embedded simulator writes no face outbox (that folder is for the
 * 資格確認端末's results) and answers as the configured institution, or its own synthetic one when none is set.
 */
export function gatewayConfigFor(config: KioskConfig): GatewayConfig {
  if (config.gateway.adapter === 'simulator') {
    const code = config.clinic.medicalInstitutionCode;
    return { kind: 'simulator', ...(code ? { medicalInstitutionCode: code } : {}) };
  }
  return {
    kind: 'oqs-folder',
    dir: terminalFolder(config),
    medicalInstitutionCode: requireInstitutionCode(config),
    timeoutMs: config.gateway.timeoutSeconds * 1000,
    ...(config.gateway.folders.face ? { faceOutboxDir: config.gateway.folders.face } : {}),
  };
}

/** The oqs-folder gateway reads one shared folder holding req/ and res/ (oqs-and-insurance.md §2.1). */
function terminalFolder(config: KioskConfig): string {
  const { request, result } = config.gateway.folders;
  const dir = path.dirname(path.resolve(request || '.'));
  const shaped =
    request !== '' &&
    result !== '' &&
    path.basename(request) === 'req' &&
    path.basename(result) === 'res' &&
    path.dirname(path.resolve(result)) === dir;
  if (!shaped) {
    throw new KioskError(
      'config.invalid',
      'gateway.folders: request と result には、同じ資格確認端末フォルダの中の req と res フォルダを指定してください',
    );
  }
  return dir;
}

function requireInstitutionCode(config: KioskConfig): string {
  const code = config.clinic.medicalInstitutionCode;
  if (!/^\d{10}$/.test(code)) {
    throw new KioskError(
      'config.invalid',
      'clinic.medicalInstitutionCode: 資格確認端末と連携するには、10桁の医療機関コードを設定してください',
    );
  }
  return code;
}
