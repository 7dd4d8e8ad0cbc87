// Staff sign-in with the staff PIN; the core checks it (scrypt) and locks out after repeated failures.
import { useState, type FormEvent } from 'react';
import type { KioskApi, StaffSession } from '../../electron/common/contract';
import { StaffLayout } from '../components/StaffLayout';
import { staffErrorText } from './staff-labels';

export function SignInPage({
  api,
  terminalName,
  onSignedIn,
  kioskLink,
}: {
  api: KioskApi;
  terminalName: string;
  onSignedIn: (session: StaffSession) => void;
  kioskLink: string;
}) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await api.invoke('staff.login', { pin });
    setBusy(false);
    setPin('');
    if (result.ok) onSignedIn(result.value);
    else setError(`${staffErrorText(result.error.code, result.error.message)}（${result.error.code}）`);
  };

  return (
    <StaffLayout
      page="staff-signin"
      title="職員メニュー"
      terminalName={terminalName}
      nav={[]}
      current=""
      onNavigate={() => undefined}
    >
      <h1 id="staff-heading">サインイン</h1>
      <form className="staff-form staff-signin" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field-label">職員暗証番号</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            name="staff-pin"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
            autoFocus
          />
        </label>
        {error ? (
          <p id="signin-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy || pin.length < 4}>
          サインイン
        </button>
      </form>
      <p>
        <a className="staff-link" href={kioskLink}>
          受付画面に戻る
        </a>
      </p>
    </StaffLayout>
  );
}
