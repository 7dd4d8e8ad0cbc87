// The staff console (/staff): sign-in, then 目視確認, keyed entry, today's confirmations, health, settings, export.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StaffSession, StaffStatus } from '../../electron/common/contract';
import type { KioskBridge } from '../bridge/kiosk-bridge';
import { StaffLayout } from '../components/StaffLayout';
import { linkTo } from '../app/route';
import { ConfirmationsPage } from './ConfirmationsPage';
import { ExportPage } from './ExportPage';
import { HealthPage } from './HealthPage';
import { KeyedEntryPage } from './KeyedEntryPage';
import { SettingsPage } from './SettingsPage';
import { SignInPage } from './SignInPage';
import { createStaffCall } from './staff-call';
import { VisualPage } from './VisualPage';

const pages = [
  { id: 'visual', label: '目視確認' },
  { id: 'keyed', label: '資格確認書 入力' },
  { id: 'confirmations', label: '本日の確認' },
  { id: 'health', label: '機器の状態' },
  { id: 'settings', label: '設定' },
  { id: 'export', label: 'CSV出力' },
] as const;
type PageId = (typeof pages)[number]['id'];

export function StaffApp({ bridge }: { bridge: KioskBridge }) {
  const api = bridge.api;
  const [session, setSession] = useState<StaffSession | undefined>();
  const [page, setPage] = useState<PageId>('visual');
  const [terminalName, setTerminalName] = useState('');
  const [status, setStatus] = useState<StaffStatus | undefined>();
  const [changeSeq, setChangeSeq] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    document.documentElement.lang = 'ja-JP';
    document.documentElement.classList.remove('large-text');
    document.title = '職員メニュー';
  }, []);

  useEffect(
    () =>
      bridge.onConnection((connected) => {
        if (!connected) return;
        void api.invoke('session.get', {}).then((r) => {
          if (r.ok) setTerminalName(r.value.terminalName);
        });
      }),
    [bridge, api],
  );

  useEffect(() => api.on('staff.changed', () => setChangeSeq((n) => n + 1)), [api]);

  const signOut = useCallback((message?: string) => {
    setSession(undefined);
    setStatus(undefined);
    setNotice(message);
  }, []);

  const call = useMemo(
    () =>
      session
        ? createStaffCall(api, session.token, () =>
            signOut('サインインの有効期限が切れました。もう一度サインインしてください。'),
          )
        : undefined,
    [api, session, signOut],
  );

  // The status feeds the 目視確認 list, its badge and the health page; refreshed on every staff event.
  useEffect(() => {
    if (!call) return;
    let live = true;
    const load = (): void =>
      void call('staff.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    load();
    const timer = window.setInterval(load, 10_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [call, changeSeq]);

  const kioskLink = linkTo('kiosk', window.location.search);
  if (!session || !call) {
    return (
      <>
        {notice ? (
          <p className="staff-notice" role="status">
            {notice}
          </p>
        ) : null}
        <SignInPage
          api={api}
          terminalName={terminalName}
          kioskLink={kioskLink}
          onSignedIn={(s) => {
            setNotice(undefined);
            setSession(s);
          }}
        />
      </>
    );
  }

  const pending = status?.visualPending.length ?? 0;
  const nav = pages.map((p) => (p.id === 'visual' ? { ...p, badge: pending } : p));
  return (
    <StaffLayout
      page={`staff-${page}`}
      title="職員メニュー"
      terminalName={terminalName}
      nav={nav}
      current={page}
      onNavigate={(id) => setPage(id as PageId)}
      onSignOut={() => {
        // Straight to the core, not through `call`: a session that has already lapsed is signed out
        // either way, and must not come back as the "expired" notice.
        void api.invoke('staff.logout', { token: session.token });
        signOut();
      }}
      signOutLabel="サインアウト"
    >
      {page === 'visual' ? <VisualPage call={call} status={status} /> : null}
      {page === 'keyed' ? <KeyedEntryPage call={call} /> : null}
      {page === 'confirmations' ? (
        <ConfirmationsPage call={call} changeSeq={changeSeq} today={status?.clinic.today} />
      ) : null}
      {page === 'health' ? <HealthPage status={status} /> : null}
      {page === 'settings' ? <SettingsPage call={call} /> : null}
      {page === 'export' ? <ExportPage call={call} today={status?.clinic.today} /> : null}
    </StaffLayout>
  );
}
