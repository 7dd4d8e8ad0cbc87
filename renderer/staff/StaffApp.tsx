// The staff console (/staff): sign-in, then (on a staff terminal) desk check-in, 目視確認, keyed entry, log, health, settings, export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StaffSession, StaffStatus } from '../../electron/common/contract';
import { useSession } from '../app/use-session';
import type { KioskBridge } from '../bridge/kiosk-bridge';
import { StaffLayout } from '../components/StaffLayout';
import { browserToneContext, createAlertTone, readMuted, writeMuted } from './alert-tone';
import { ClinicPage } from './ClinicPage';
import { ConfirmationsPage } from './ConfirmationsPage';
import { ExportPage } from './ExportPage';
import { HealthPage } from './HealthPage';
import { KeyedEntryPage } from './KeyedEntryPage';
import { SettingsPage } from './SettingsPage';
import { SignInPage } from './SignInPage';
import { kioskLinkBack, openedFromKiosk, watchKioskReturn } from './kiosk-return';
import {
  applyStaffEvent,
  forStaffTerminal,
  reconcileAlerts,
  reconcileClinicAlerts,
  withoutVisual,
  type StaffAlert,
} from './staff-alerts';
import { StaffAlerts } from './StaffAlerts';
import { createStaffCall } from './staff-call';
import { checkinRunning } from './desk/desk-step';
import { DeskPage } from './desk/DeskPage';
import { TurnedScreen } from './desk/TurnedScreen';
import { useDesk } from './desk/use-desk';
import { VisualPage } from './VisualPage';
import { AccountsPage } from './AccountsPage';

const pages = [
  // Only on a staff terminal (config `mode: "staff"`): the card reader on the desk is run from here.
  { id: 'desk', label: '窓口で確認' },
  { id: 'visual', label: '目視確認' },
  { id: 'keyed', label: '資格確認書 入力' },
  { id: 'confirmations', label: '本日の確認' },
  // Only with the clinic view (config `central.consoleUrl`): every terminal of the clinic.
  { id: 'clinic', label: '院内の状況' },
  { id: 'health', label: '機器の状態' },
  { id: 'settings', label: '設定' },
  { id: 'export', label: 'CSV出力' },
  { id: 'accounts', label: '職員アカウント' },
] as const;
type PageId = (typeof pages)[number]['id'];

/**
 * Staff events arrive as pushes the moment they happen; this slow re-read only covers a push lost with a
 * dropped connection (a reconnect re-reads at once as well).
 */
export const STATUS_FALLBACK_MS = 30_000;

export function StaffApp({ bridge }: { bridge: KioskBridge }) {
  const api = bridge.api;
  const [session, setSession] = useState<StaffSession | undefined>();
  const [chosenPage, setPage] = useState<PageId | undefined>();
  const [terminalName, setTerminalName] = useState('');
  const [status, setStatus] = useState<StaffStatus | undefined>();
  const [changeSeq, setChangeSeq] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    document.documentElement.lang = 'ja-JP';
    document.documentElement.classList.remove('large-text');
    document.title = '職員メニュー';
  }, []);

  const sessionRef = useRef<StaffSession | undefined>(undefined);
  sessionRef.current = session;
  const [alerts, setAlerts] = useState<StaffAlert[]>([]);
  const [muted, setMuted] = useState(() => readMuted(safeStorage()));
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  const tone = useMemo(() => createAlertTone(browserToneContext), []);
  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;

  // The session snapshot says which terminal this is, and on a staff terminal drives the desk check-in.
  const { snapshot } = useSession(bridge);
  const staffTerminal = snapshot?.mode === 'staff';
  const alertsChanged = useCallback(
    (proposed: { alerts: StaffAlert[]; raised: boolean }) => {
      const change = staffTerminal ? forStaffTerminal(alertsRef.current, proposed) : proposed;
      setAlerts(change.alerts);
      if (change.raised && !mutedRef.current) tone.play();
    },
    [tone, staffTerminal],
  );
  const desk = useDesk(api, staffTerminal ? snapshot : undefined);
  const page: PageId = chosenPage ?? (staffTerminal ? 'desk' : 'visual');

  // Events reach this page only once it has said ready on the connection (the host holds them until then,
  // electron/core/ipc/ipc-host.ts); each new connection says it again and re-reads the status.
  useEffect(
    () =>
      bridge.onConnection((connected) => {
        if (!connected) return;
        void api.invoke('renderer.ready', {}).then((r) => {
          if (!r.ok) return;
          setTerminalName(r.value.terminalName);
          setChangeSeq((n) => n + 1);
        });
      }),
    [bridge, api],
  );

  useEffect(
    () =>
      api.on('staff.changed', (event) => {
        if (sessionRef.current) alertsChanged(applyStaffEvent(alertsRef.current, event));
        if (event.reason === 'visual-resolved' && event.reader) {
          // Handled (approved, declined, or cancelled by the patient): off the list before the re-read.
          const reader = event.reader;
          setStatus((current) => withoutVisual(current, reader));
        }
        setChangeSeq((n) => n + 1);
      }),
    [api, alertsChanged],
  );

  // Opened from the patient screen: the kiosk comes back after a quiet minute or when a card is placed.
  const fromKiosk = useMemo(() => openedFromKiosk(window.location.search), []);
  useEffect(() => {
    if (!fromKiosk) return;
    const watch = watchKioskReturn(
      () => {
        const current = sessionRef.current;
        if (current) void api.invoke('staff.logout', { token: current.token });
        window.location.assign(kioskLinkBack(window.location.search));
      },
      {
        setTimeout: (callback, ms) => window.setTimeout(callback, ms),
        clearTimeout: (handle) => window.clearTimeout(handle),
      },
    );
    const touch = (): void => watch.touch();
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const offSnapshot = api.on('session.changed', (snapshot) => watch.screen(snapshot.screen.name));
    return () => {
      watch.stop();
      offSnapshot();
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
    };
  }, [fromKiosk, api]);

  const signOut = useCallback((message?: string) => {
    setSession(undefined);
    setStatus(undefined);
    setAlerts([]);
    setNotice(message);
  }, []);

  const call = useMemo(
    () =>
      session
        ? // The core says why the session ended (e.g. 一定時間操作がなかったため、サインアウトしました).
          createStaffCall(api, session.token, (message) => signOut(message))
        : undefined,
    [api, session, signOut],
  );

  // The status feeds the 目視確認 list, its badge, the alerts and the health page; re-read on every staff event.
  useEffect(() => {
    if (!call) return;
    let live = true;
    const load = (): void =>
      void call('staff.status', {}).then((r) => {
        if (!live || !r.ok) return;
        setStatus(r.value);
        alertsChanged(reconcileAlerts(alertsRef.current, r.value));
        // With the clinic view, needs at the other terminals alert here too, whatever page is open.
        if (!r.value.clinicView) return;
        void call('staff.clinic.terminals', { background: true }).then((t) => {
          if (live && t.ok) alertsChanged(reconcileClinicAlerts(alertsRef.current, t.value));
        });
      });
    load();
    const timer = window.setInterval(load, STATUS_FALLBACK_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [call, changeSeq, alertsChanged]);

  const kioskLink = kioskLinkBack(window.location.search);
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
          surface={fromKiosk ? 'kiosk' : 'desk'}
          onSignedIn={(s) => {
            setNotice(undefined);
            // Each person starts on the home page, never on the last person's (it may be an admin's page).
            setPage(undefined);
            setSession(s);
          }}
        />
      </>
    );
  }

  // The screen faces the patient for a step only they answer (PIN, consent): the patient's screen, full size.
  if (staffTerminal && page === 'desk' && desk.facingPatient) {
    return <TurnedScreen api={api} snapshot={snapshot} desk={desk} />;
  }

  const pending = status?.visualPending.length ?? 0;
  const deskBadge = staffTerminal && snapshot && checkinRunning(snapshot.screen) ? 1 : 0;
  const nav = pages
    .filter((p) => p.id !== 'desk' || staffTerminal)
    .filter((p) => p.id !== 'clinic' || status?.clinicView === true)
    // Settings and accounts are the administrators' (the core refuses anyone else: staff.admin-only).
    .filter((p) => session.role === 'admin' || (p.id !== 'settings' && p.id !== 'accounts'))
    .map((p) => {
      if (p.id === 'visual') return { ...p, badge: pending };
      if (p.id === 'desk') return { ...p, badge: deskBadge };
      return p;
    });
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
      <StaffAlerts
        alerts={alerts}
        muted={muted}
        onDismiss={(key) => setAlerts((current) => current.filter((a) => a.key !== key))}
        onMuted={(next) => {
          setMuted(next);
          writeMuted(safeStorage(), next);
        }}
      />
      {page === 'desk' && staffTerminal ? (
        <DeskPage
          api={api}
          call={call}
          snapshot={snapshot}
          status={status}
          desk={desk}
          changeSeq={changeSeq}
        />
      ) : null}
      {page === 'visual' ? (
        <VisualPage
          call={call}
          status={status}
          onHandled={(reader) => {
            setStatus((current) => withoutVisual(current, reader));
            setAlerts((current) => current.filter((a) => !(a.kind === 'visual' && a.reader === reader)));
          }}
        />
      ) : null}
      {page === 'keyed' ? <KeyedEntryPage call={call} /> : null}
      {page === 'confirmations' ? (
        <ConfirmationsPage call={call} changeSeq={changeSeq} today={status?.clinic.today} />
      ) : null}
      {page === 'clinic' && status?.clinicView ? (
        <ClinicPage call={call} changeSeq={changeSeq} today={status.clinic.today} />
      ) : null}
      {page === 'health' ? <HealthPage status={status} /> : null}
      {page === 'settings' ? <SettingsPage call={call} /> : null}
      {page === 'accounts' ? <AccountsPage call={call} signedInAs={session.staffName} /> : null}
      {page === 'export' ? <ExportPage call={call} today={status?.clinic.today} /> : null}
    </StaffLayout>
  );
}

/** localStorage, when this page may use it. */
function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
