// The patient's intents sent over the contract: one set for the kiosk page and the staff terminal's turned screen.
import type { KioskApi } from '../../electron/common/contract';
import type { PatientIntents } from '../screens/patient-intents';

/** Intents answer the new snapshot, which also arrives as an event; a refusal (the screen moved on) needs nothing. */
export function createPatientIntents(api: KioskApi): PatientIntents {
  return {
    chooseAuth: (method) => void api.invoke('auth.choose', { method }),
    submitPin: (pin) => void api.invoke('pin.submit', { pin }),
    answerRegistration: (agreed) => void api.invoke('registration.answer', { agreed }),
    consentAll: (agreed) => void api.invoke('consent.all', { agreed }),
    consentChoose: (item, agreed) => void api.invoke('consent.choose', { item, agreed }),
    consentDone: () => void api.invoke('consent.done', {}),
    chooseLimit: (agreed) => void api.invoke('limit.choose', { agreed }),
    resultDone: () => void api.invoke('result.done', {}),
    cancel: () => void api.invoke('session.cancel', {}),
  };
}
