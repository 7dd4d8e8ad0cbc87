// One patient screen for a snapshot: the kiosk's whole page, and the staff terminal's screen turned to the patient.
import type { Preferences, SessionSnapshot } from '../../electron/common/contract';
import { CardLiftedScreen } from '../screens/card-lifted/CardLiftedScreen';
import { ChooseAuthScreen } from '../screens/choose-auth/ChooseAuthScreen';
import { ConsentScreen } from '../screens/consent/ConsentScreen';
import { ErrorScreen } from '../screens/error/ErrorScreen';
import { IdleScreen } from '../screens/idle/IdleScreen';
import { LimitConsentScreen } from '../screens/limit-consent/LimitConsentScreen';
import { OutOfServiceScreen } from '../screens/out-of-service/OutOfServiceScreen';
import type { PatientIntents } from '../screens/patient-intents';
import { PinScreen } from '../screens/pin/PinScreen';
import { ProcessingScreen } from '../screens/processing/ProcessingScreen';
import { ReadingScreen } from '../screens/reading/ReadingScreen';
import { RegistrationScreen } from '../screens/registration/RegistrationScreen';
import { RegistrationDeclinedScreen } from '../screens/registration-declined/RegistrationDeclinedScreen';
import { ResultScreen } from '../screens/result/ResultScreen';
import { TakeCardScreen } from '../screens/take-card/TakeCardScreen';
import { VisualWaitScreen } from '../screens/visual-wait/VisualWaitScreen';

export function PatientScreen({
  snapshot,
  intents,
  onPreferences,
  onActivity,
  onStaff,
}: {
  snapshot: SessionSnapshot;
  intents: PatientIntents;
  onPreferences: (change: Partial<Preferences>) => void;
  onActivity: () => void;
  /** The idle screen's staff entrance was held. */
  onStaff: () => void;
}) {
  const { screen, preferences } = snapshot;
  const voice = preferences.voice;
  switch (screen.name) {
    case 'idle':
      return (
        <IdleScreen
          preferences={preferences}
          languages={snapshot.languages}
          onPreferences={onPreferences}
          onStaff={onStaff}
        />
      );
    case 'out-of-service':
      return <OutOfServiceScreen screen={screen} voice={voice} />;
    case 'reading':
      return <ReadingScreen voice={voice} />;
    case 'choose-auth':
      return <ChooseAuthScreen screen={screen} voice={voice} intents={intents} />;
    case 'pin':
      return <PinScreen screen={screen} voice={voice} intents={intents} onActivity={onActivity} />;
    case 'visual-wait':
      return <VisualWaitScreen voice={voice} intents={intents} />;
    case 'registration':
      return <RegistrationScreen voice={voice} intents={intents} />;
    case 'consent':
      return <ConsentScreen screen={screen} voice={voice} intents={intents} />;
    case 'limit-consent':
      return <LimitConsentScreen voice={voice} intents={intents} />;
    case 'processing':
      return <ProcessingScreen screen={screen} voice={voice} />;
    case 'result':
      return <ResultScreen screen={screen} voice={voice} intents={intents} />;
    case 'take-card':
      return <TakeCardScreen voice={voice} />;
    case 'card-lifted':
      return <CardLiftedScreen screen={screen} voice={voice} intents={intents} />;
    case 'registration-declined':
      return <RegistrationDeclinedScreen screen={screen} voice={voice} intents={intents} />;
    case 'error':
      return <ErrorScreen screen={screen} voice={voice} intents={intents} />;
  }
}
