// The desk check-in's state on a staff terminal: the core's snapshot, whether the screen faces the patient, timers.
import { useCallback, useEffect, useState } from 'react';
import type { KioskApi, SessionSnapshot } from '../../../electron/common/contract';
import { useInactivity } from '../../app/use-inactivity';
import { isPatientStep, showsPatient } from './desk-step';

export interface Desk {
  /** The patient's screen shows now (staff turned it for a step only the patient answers). */
  facingPatient: boolean;
  turn(): void;
  turnBack(): void;
  /** performance.now() ms at which the core ends the step for inactivity, when the step has a timeout. */
  deadline: number | undefined;
  /** Input at the desk or on the turned screen: keeps the step alive in the core. */
  touch(): void;
}

export function useDesk(api: KioskApi, snapshot: SessionSnapshot | undefined): Desk {
  const [turned, setTurned] = useState(false);
  const name = snapshot?.screen.name;
  // Past the patient's step (PIN verified, consent given, cancelled), the staff view comes back by itself.
  useEffect(() => {
    if (name === undefined || !isPatientStep(name)) setTurned(false);
  }, [name]);
  const sendActivity = useCallback(() => void api.invoke('session.activity', {}), [api]);
  const { deadline, touch } = useInactivity(snapshot?.seq, snapshot?.timeoutSeconds, sendActivity);
  return {
    facingPatient: snapshot !== undefined && showsPatient(turned, snapshot.screen),
    turn: useCallback(() => setTurned(true), []),
    turnBack: useCallback(() => setTurned(false), []),
    deadline,
    touch,
  };
}
