// Staff sign-in: pick your name, type your passcode; the core checks it (scrypt) and locks out after repeated failures at this surface.
import { useEffect, useState, type FormEvent } from 'react';
import type { KioskApi, StaffSession, StaffSurface } from '../../electron/common/contract';
import { StaffLayout } from '../components/StaffLayout';
import { staffErrorText } from './staff-labels';

export function SignInPage({
  api,
  terminalName,
  onSignedIn,
  kioskLink,
  surface,
}: {
  api: KioskApi;
  terminalName: string;
  onSignedIn: (session: StaffSession) => void;
  kioskLink: string;
  /** kiosk: opened from the patient screen's staff entry; desk: the desk console. Each has its own lockout. */
  surface: StaffSurface;
}) {
  const [names, setNames] = useState<string[] | undefined>();
  const [account, setAccount] = useState<string | undefined>();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.invoke('staff.accounts.names', {}).then((r) => {
      if (!live || !r.ok) return;
      setNames(r.value);
      // One account (e.g. the older single staff PIN, 管理者): it is chosen already.
      if (r.value.length === 1) setAccount(r.value[0]);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy || account === undefined) return;
    setBusy(true);
    const result = await api.invoke('staff.login', { pin, account, surface });
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
        {names && names.length > 1 ? (
          <fieldset className="field">
            <legend className="field-label">お名前を選んでください</legend>
            <div className="choice-list staff-accounts">
              {names.map((name) => (
                <button
                  key={name}
                  type="button"
                  className="button button-choice"
                  aria-pressed={account === name}
                  onClick={() => {
                    setAccount(name);
                    setError(undefined);
                  }}
                >
                  {name}
                </button>
              ))}
            </div>
          </fieldset>
        ) : null}
        {names && names.length === 1 ? <p className="hint">{names[0]} としてサインインします</p> : null}
        {names && names.length === 0 ? (
          <p className="field-error" role="alert">
            職員のアカウントが設定されていません。設定ファイルをご確認ください。
          </p>
        ) : null}
        <label className="field">
          <span className="field-label">職員暗証番号（パスコード）</span>
          <input
            type="password"
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
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || pin.length < 4 || account === undefined}
        >
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
