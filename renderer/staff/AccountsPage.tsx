// Staff accounts (administrators only): who may sign in, their role, adding, removing and resetting passcodes.
import { useEffect, useState, type FormEvent } from 'react';
import type { StaffAccountSummary, StaffRole } from '../../electron/common/contract';
import type { StaffCall } from './staff-call';
import { staffErrorText } from './staff-labels';

const roleLabels: Record<StaffRole, string> = { staff: '職員', admin: '管理者' };

export function AccountsPage({ call, signedInAs }: { call: StaffCall; signedInAs: string }) {
  const [accounts, setAccounts] = useState<StaffAccountSummary[] | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const [passcode, setPasscode] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('staff.accounts.list', {}).then((r) => {
      if (r.ok) setAccounts(r.value);
      else
        setMessage({
          ok: false,
          text: `${staffErrorText(r.error.code, r.error.message)}（${r.error.code}）`,
        });
    });
  }, [call]);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const existed = accounts?.some((a) => a.name === name.trim()) ?? false;
    const r = await call('staff.accounts.save', { name: name.trim(), role, passcode });
    setBusy(false);
    setPasscode('');
    if (!r.ok) {
      // The core's words say what is wrong with the passcode or the name.
      setMessage({ ok: false, text: `${r.error.message}（${r.error.code}）` });
      return;
    }
    setAccounts(r.value);
    setMessage({
      ok: true,
      text: existed
        ? `${name.trim()} さんのパスコードと役割を変更しました`
        : `${name.trim()} さんを登録しました`,
    });
    setName('');
  };

  const remove = async (target: string): Promise<void> => {
    if (!window.confirm(`${target} さんのアカウントを削除しますか？`)) return;
    const r = await call('staff.accounts.remove', { name: target });
    if (!r.ok) {
      setMessage({ ok: false, text: `${r.error.message}（${r.error.code}）` });
      return;
    }
    setAccounts(r.value);
    setMessage({ ok: true, text: `${target} さんのアカウントを削除しました` });
  };

  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">職員アカウント</h1>
      {message ? (
        <p className={message.ok ? 'staff-notice' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {accounts ? (
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">お名前</th>
              <th scope="col">役割</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.name}>
                <td>{account.name}</td>
                <td>{roleLabels[account.role]}</td>
                <td>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      setName(account.name);
                      setRole(account.role);
                      setMessage(undefined);
                    }}
                  >
                    パスコードを再設定
                  </button>{' '}
                  {account.name === signedInAs ? null : (
                    <button
                      type="button"
                      className="button button-quiet button-danger"
                      onClick={() => void remove(account.name)}
                    >
                      削除
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : message ? null : (
        <p>読み込んでいます…</p>
      )}
      <h2>登録・パスコードの再設定</h2>
      <form className="staff-form" onSubmit={(e) => void save(e)}>
        <label className="field">
          <span className="field-label">お名前</span>
          <input
            name="account-name"
            autoComplete="off"
            maxLength={40}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <fieldset className="field">
          <legend className="field-label">役割</legend>
          <div className="toggle-row">
            {(['staff', 'admin'] as const).map((value) => (
              <button
                key={value}
                type="button"
                className="button button-choice"
                aria-pressed={role === value}
                onClick={() => setRole(value)}
              >
                {roleLabels[value]}
              </button>
            ))}
          </div>
        </fieldset>
        <label className="field">
          <span className="field-label">パスコード</span>
          <input
            type="password"
            name="account-passcode"
            autoComplete="new-password"
            value={passcode}
            onChange={(e) => setPasscode(e.target.value)}
            aria-describedby="passcode-hint"
          />
        </label>
        <p id="passcode-hint" className="hint">
          数字だけなら6桁以上、文字を含むなら10文字以上にしてください
        </p>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || name.trim() === '' || passcode.length < 6}
        >
          保存
        </button>
      </form>
    </section>
  );
}
