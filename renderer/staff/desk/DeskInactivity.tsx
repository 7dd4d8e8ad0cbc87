// The inactivity warning of the desk check-in, on the staff view and on the screen turned to the patient alike.
import { InactivityNotice } from '../../components/InactivityNotice';
import { warnSecondsFor } from '../../app/use-inactivity';
import type { Desk } from './use-desk';

export function DeskInactivity({ desk, timeoutSeconds }: { desk: Desk; timeoutSeconds: number | undefined }) {
  if (desk.deadline === undefined || timeoutSeconds === undefined) return null;
  // A new deadline is a new warning: the key restarts its countdown.
  return (
    <InactivityNotice
      key={desk.deadline}
      deadline={desk.deadline}
      warnSeconds={warnSecondsFor(timeoutSeconds)}
      onContinue={desk.touch}
    />
  );
}
