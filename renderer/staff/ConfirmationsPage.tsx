// Today's confirmations from the log, with a text search and outcome/route filters.
import { useEffect, useRef, useState } from 'react';
import type { CheckinOutcome, CheckinRoute, ConfirmationRow } from '../../electron/common/contract';
import type { StaffCall } from './staff-call';
import {
  clinicDayLabel,
  clinicTime,
  consentItemLabels,
  outcomeLabels,
  routeLabels,
  staffErrorText,
} from './staff-labels';

export function ConfirmationsPage({
  call,
  changeSeq,
  today,
}: {
  call: StaffCall;
  changeSeq: number;
  /** The clinic's day (from the core), once known. */
  today: string | undefined;
}) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<CheckinOutcome | ''>('');
  const [route, setRoute] = useState<CheckinRoute | ''>('');
  const [rows, setRows] = useState<ConfirmationRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const lastFilter = useRef<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      const filter = {
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(outcome ? { outcome } : {}),
        ...(route ? { route } : {}),
      };
      // The same filter again is a re-read after a push, not a staff action: it must not keep the session alive.
      const key = JSON.stringify(filter);
      const background = lastFilter.current === key;
      lastFilter.current = key;
      void call('staff.confirmations.list', { filter, ...(background ? { background: true } : {}) }).then(
        (r) => {
          if (!live) return;
          if (r.ok) {
            setRows(r.value);
            setError(undefined);
          } else setError(`${staffErrorText(r.error.code, r.error.message)}（${r.error.code}）`);
        },
      );
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [call, text, outcome, route, changeSeq]);

  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">本日の確認{today ? `（${clinicDayLabel(today)}）` : ''}</h1>
      <div className="staff-filters" role="search">
        <label className="field">
          <span className="field-label">検索（氏名・カナ・保険者番号・番号）</span>
          <input type="search" name="text" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">結果</span>
          <select
            name="outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as CheckinOutcome | '')}
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
          <select name="route" value={route} onChange={(e) => setRoute(e.target.value as CheckinRoute | '')}>
            <option value="">すべて</option>
            {Object.entries(routeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {rows ? (
        <table className="staff-table" data-rows={rows.length}>
          <caption>{rows.length} 件</caption>
          <thead>
            <tr>
              <th scope="col">時刻</th>
              <th scope="col">受付番号</th>
              <th scope="col">方法</th>
              <th scope="col">結果</th>
              <th scope="col">氏名</th>
              <th scope="col">保険者番号</th>
              <th scope="col">負担・限度額</th>
              <th scope="col">同意</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                data-outcome={row.outcome}
                data-route={row.route}
                data-reception-number={row.receptionNumber}
              >
                <td>{clinicTime(row.startedAt)}</td>
                <td>{row.receptionNumber ?? '－'}</td>
                <td>{routeLabels[row.route]}</td>
                <td>
                  {outcomeLabels[row.outcome]}
                  {row.errorCode ? ` (${row.errorCode})` : ''}
                </td>
                <td>{row.name ?? '－'}</td>
                <td>{row.insurerNumber ?? '－'}</td>
                <td data-limit-class={row.limitClass}>
                  {row.copayTenths ? `${row.copayTenths}割` : '－'}
                  {row.limitLabel ? `・${row.limitLabel}` : ''}
                </td>
                <td>
                  {Object.entries(row.consents)
                    .map(
                      ([item, c]) =>
                        `${consentItemLabels[item as keyof typeof consentItemLabels]}:${c.agreed ? '同意' : '不同意'}`,
                    )
                    .join(' ')}
                  {row.limitConsent ? ` 限度額:${row.limitConsent.agreed ? '同意' : '不同意'}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>読み込んでいます…</p>
      )}
    </section>
  );
}
