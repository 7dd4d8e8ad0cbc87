// The intents a patient screen can send to the core; App binds them to the bridge.
import type { ConsentItem } from '../../electron/common/contract';

export interface PatientIntents {
  chooseAuth(method: 'pin' | 'visual'): void;
  submitPin(pin: string): void;
  answerRegistration(agreed: boolean): void;
  consentAll(agreed: boolean): void;
  consentChoose(item: ConsentItem, agreed: boolean): void;
  consentDone(): void;
  chooseLimit(agreed: boolean): void;
  resultDone(): void;
  cancel(): void;
}
