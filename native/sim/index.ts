// Public surface of the virtual My Number card: the card, its test PKI and its two transports.
export {
  createVirtualCard,
  jpkiAid,
  virtualCardDefaultSerials,
  virtualCardVariants,
  type TokenKind,
  type VirtualCard,
  type VirtualCardProfile,
  type VirtualCardVariant,
} from './virtual-card';
export {
  createSimulatedReaderPort,
  type SimulatedReaderPort,
  type SimulatedReaderPortOptions,
} from './simulated-reader-port';
export {
  presentOverVpcd,
  vpcdDefaultPort,
  VpcdError,
  type VpcdOptions,
  type VpcdPresentation,
} from './vpcd-client';
export {
  defaultTestPki,
  generateTestPki,
  issueCardCertificate,
  loadOrGenerateTestPki,
  loadTestPki,
  parseTestPki,
  saveTestPki,
  testPkiPem,
  type CardCertificateRequest,
  type CertificateKind,
  type TestCa,
  type TestPki,
  type TestPkiPem,
} from './test-pki';
