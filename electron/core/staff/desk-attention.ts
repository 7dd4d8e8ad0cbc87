// Which patient screens send the patient to the reception desk, so the staff console is told at once.
import type { Screen } from '../../common/contract';

/**
 * Every error screen asks the patient to see the desk, and so does a result that is not a clean
 * confirmation: 要確認 (a notice staff must read) or 資格なし (no valid insurance on the day). Declining
 * 保険証利用登録 is a valid choice, but its screen too sends the patient to the desk with a 資格確認書.
 */
export function sendsPatientToDesk(screen: Screen): boolean {
  if (screen.name === 'error' || screen.name === 'registration-declined') return true;
  if (screen.name === 'result') return screen.outcome !== 'confirmed';
  return false;
}

/**
 * Tells staff once per check-in: a screen that sends the patient to the desk may be redrawn (a countdown, the
 * card lifted) without the patient being sent twice.
 */
export function deskNotifier(notify: () => void): (screen: Screen) => void {
  let told = false;
  return (screen) => {
    if (told || !sendsPatientToDesk(screen)) return;
    told = true;
    notify();
  };
}
