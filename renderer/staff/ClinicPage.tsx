// 院内の状況: every terminal's health and staff needs, and today's confirmations of all terminals (the clinic view).
import { useEffect, useRef, useState } from 'react';
import type {
  CheckinOutcome,
  CheckinRoute,
  ClinicNeedKind,
  ClinicPage as ClinicPageData,
  ClinicTerminal,
} from '../../electron/common/contract';
import type { StaffCall } from './staff-call';
import { clinicDayLabel, clinicTime, outcomeLabels, routeLabels, staffErrorText } from './staff-labels';

/** Rows per page: what fits under the terminals at 1024×600 without the page scrolling far. */
export const CLINIC_ROWS_PER_PAGE = 20;
/** Heartbeat ages move on their own: the terminals are re-read this often besides every push. */
export const CLINIC_TERMINALS_REFRESH_MS = 15_000;

export const clinicNeedLabels: Readonly<Record<ClinicNeedKind, string>> = {
  'visual-pending': '目視確認待ち',
  'card-left': 'カードの置き忘れ',
  'out-of-service': '休止中',
};

const terminalStateLabels: Readonly<Record<ClinicTerminal['state'], string>> = {
  ok: '稼働中',
  silent: '応答なし',
  never: '未接続',
};

const partNames = { reader: 'カードリーダー', gateway: '資格確認', log: '確認記録' } as const;

/** 正常, or which parts are down (or not yet known), in one short cell. */
function partsText(terminal: ClinicTerminal): string {
  const parts = (['reader', 'gateway', 'log'] as const).filter((part) => terminal[part] !== 'up');
  if (parts.length === 0) return '正常';
  return parts.map((part) => `${partNames[part]}${terminal[part] === 'down' ? '異常' : '不明'}`).join('・');
}

/** 送信待ち: rows recorded at the terminal and not yet in the clinic's record. */
function lagText(terminal: ClinicTerminal): string {
  if (terminal.lagRows === undefined) return '－';
  if (terminal.lagRows === 0) return 'なし';
  const minutes = Math.floor((terminal.lagSeconds ?? 0) / 60);
  return `${terminal.lagRows}件${minutes > 0 ? `（${minutes}分）` : ''}`;
}

export function ClinicPage({
  call,
  changeSeq,
  today,
}: {
  call: StaffCall;
  changeSeq: number;
  today: string | undefined;
}) {
  const [terminals, setTerminals] = useState<ClinicTerminal[] | undefined>();
  const [page, setPage] = useState<ClinicPageData | undefined>();
  const [text, setText] = useState('');
  const [terminal, setTerminal] = useState('');
  const [outcome, setOutcome] = useState<CheckinOutcome | ''>('');
  const [route, setRoute] = useState<CheckinRoute | ''>('');
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const lastFilter = useRef<string | undefined>(undefined);

  const failed = (code: Parameters<typeof staffErrorText>[0], message: string): void =>
    setError(`${staffErrorText(code, message)}（${code}）`);

  // Terminals: on every push (a staff need raised or cleared anywhere) and on a slow timer for the ages.
  useEffect(() => {
    let live = true;
    const load = (): void =>
      void call('staff.clinic.terminals', { background: true }).then((r) => {
        if (!live) return;
        if (r.ok) setTerminals(r.value);
        else failed(r.error.code, r.error.message);
      });
    load();
    const timer = window.setInterval(load, CLINIC_TERMINALS_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [call, changeSeq]);

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      const filter = {
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(terminal ? { terminal } : {}),
        ...(outcome ? { outcome } : {}),
        ...(route ? { route } : {}),
        offset,
        limit: CLINIC_ROWS_PER_PAGE,
      };
      // The same filter again is a re-read after a push, not a staff action.
      const key = JSON.stringify(filter);
      const background = lastFilter.current === key;
      lastFilter.current = key;
      void call('staff.clinic.list', { filter, ...(background ? { background: true } : {}) }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setPage(r.value);
          setError(undefined);
        } else failed(r.error.code, r.error.message);
      });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [call, text, terminal, outcome, route, offset, changeSeq]);

  const filterChanged =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOffset(0);
    };

  const exportDay = async (): Promise<void> => {
    const day = page?.day ?? today;
    if (!day) return;
    const r = await call('staff.clinic.export', { from: day, to: day });
    if (!r.ok) {
      failed(r.error.code, r.error.message);
      return;
    }
    const url = URL.createObjectURL(new Blob([r.value.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = r.value.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setNotice(`${r.value.fileName} を出力しました。`);
  };

  const day = page?.day ?? today;
  const total = page?.total ?? 0;
  // A terminal by the name clinic IT gave it (terminals.description), else by its id.
  const names = new Map((terminals ?? []).map((t) => [t.terminalId, t.description || t.terminalId]));
  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">院内の状況{day ? `（${clinicDayLabel(day)}）` : ''}</h1>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {terminals ? (
        <table className="staff-table" data-terminals={terminals.length}>
          <caption>受付機 {terminals.length} 台</caption>
          <thead>
            <tr>
              <th scope="col">受付機</th>
              <th scope="col">状態</th>
              <th scope="col">機器</th>
              <th scope="col">送信待ち</th>
              <th scope="col">最終受信</th>
              <th scope="col">対応が必要</th>
            </tr>
          </thead>
          <tbody>
            {terminals.map((t) => (
              <tr key={t.terminalId} data-terminal={t.terminalId} data-state={t.state}>
                <td>{t.description || t.terminalId}</td>
                <td>
                  {t.state === 'ok' ? (
                    terminalStateLabels[t.state]
                  ) : (
                    <strong className="staff-warning">{terminalStateLabels[t.state]}</strong>
                  )}
                </td>
                <td>
                  {t.reader === 'up' && t.gateway === 'up' && t.log === 'up' ? (
                    '正常'
                  ) : (
                    <strong className="staff-warning">{partsText(t)}</strong>
                  )}
                </td>
                <td>{lagText(t)}</td>
                <td>{t.lastHeartbeat ? clinicTime(t.lastHeartbeat) : '－'}</td>
                <td data-needs={t.needs.map((n) => n.kind).join(' ')}>
                  {t.needs.length === 0
                    ? '－'
                    : t.needs.map((n) => (
                        <div key={`${n.kind}-${n.reader}`}>
                          <strong className="staff-warning">{clinicNeedLabels[n.kind]}</strong>
                          {n.reader ? `（${n.reader}）` : ''} {clinicTime(n.since)} から
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>読み込んでいます…</p>
      )}
      <div className="staff-filters" role="search">
        <label className="field">
          <span className="field-label">検索（氏名・カナ・保険者番号・番号）</span>
          <input
            type="search"
            name="text"
            value={text}
            onChange={(e) => filterChanged(setText)(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">受付機</span>
          <select
            name="terminal"
            value={terminal}
            onChange={(e) => filterChanged(setTerminal)(e.target.value)}
          >
            <option value="">すべて</option>
            {(terminals ?? []).map((t) => (
              <option key={t.terminalId} value={t.terminalId}>
                {t.description || t.terminalId}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">結果</span>
          <select
            name="outcome"
            value={outcome}
            onChange={(e) => filterChanged(setOutcome)(e.target.value as CheckinOutcome | '')}
          >
            <option value="">すべて</option>
            {Object.entries(outcomeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">方法</span>
          <select
            name="route"
            value={route}
            onChange={(e) => filterChanged(setRoute)(e.target.value as CheckinRoute | '')}
          >
            <option value="">すべて</option>
            {Object.entries(routeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void exportDay()} disabled={!day}>
          CSVを出力する
        </button>
      </div>
      {notice ? (
        <p className="staff-notice" role="status">
          {notice}
        </p>
      ) : null}
      {page ? (
        <>
          <table className="staff-table" data-rows={page.rows.length} data-total={total}>
            <caption>
              {total} 件{total > 0 ? `（${offset + 1}〜${offset + page.rows.length} 件目）` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">時刻</th>
                <th scope="col">受付機</th>
                <th scope="col">受付番号</th>
                <th scope="col">方法</th>
                <th scope="col">結果</th>
                <th scope="col">氏名</th>
                <th scope="col">保険者番号</th>
                <th scope="col">負担</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr
                  key={`${row.terminalId}-${row.localId}`}
                  data-terminal={row.terminalId}
                  data-outcome={row.outcome}
                  data-route={row.route}
                >
                  <td>{clinicTime(row.startedAt)}</td>
                  <td>{names.get(row.terminalId) ?? row.terminalId}</td>
                  <td>{row.receptionNumber ?? '－'}</td>
                  <td>{routeLabels[row.route]}</td>
                  <td>
                    {outcomeLabels[row.outcome]}
                    {row.errorCode ? ` (${row.errorCode})` : ''}
                  </td>
                  <td>{row.name ?? '－'}</td>
                  <td>{row.insurerNumber ?? '－'}</td>
                  <td>{row.copayTenths ? `${row.copayTenths}割` : '－'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="staff-filters">
            <button
              type="button"
              className="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - CLINIC_ROWS_PER_PAGE))}
            >
              前へ
            </button>
            <button
              type="button"
              className="button"
              disabled={offset + CLINIC_ROWS_PER_PAGE >= total}
              onClick={() => setOffset(offset + CLINIC_ROWS_PER_PAGE)}
            >
              次へ
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
