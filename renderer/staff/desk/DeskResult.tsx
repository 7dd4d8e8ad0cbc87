// The desk check-in's answer as staff read it: the log row of this reception number, with copay and 限度額.
import { useEffect, useState } from 'react';
import type { ConfirmationRow, Screen } from '../../../electron/common/contract';
import type { StaffCall } from '../staff-call';
import { consentItemLabels, outcomeLabels, routeLabels } from '../staff-labels';

type Result = Extract<Screen, { name: 'result' }>;

/** The patient screen's outcome in staff words (the log's outcome once the row is read). */
const screenOutcomeLabels: Record<Result['outcome'], string> = {
  confirmed: '資格を確認しました',
  'needs-attention': '確認が必要です',
  'not-insured': '有効な資格がありません',
};

/**
 * The row of today's log that carries this reception number: the number is issued inside the row's write
 * (electron/core/log), so a result on screen always has its row, and the row is what staff may see in full.
 */
export function rowOf(
  rows: readonly ConfirmationRow[],
  receptionNumber: number,
): ConfirmationRow | undefined {
  return rows.find((row) => row.receptionNumber === receptionNumber);
}

/** The log's yyyyMMdd birth date as staff read it (1985年4月12日); anything else as written. */
export function birthDateLabel(value: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

export function DeskResult({
  call,
  screen,
  changeSeq,
}: {
  call: StaffCall;
  screen: Result;
  /** Bumped on every staff event, so a row written a moment after the screen is read again. */
  changeSeq: number;
}) {
  const [row, setRow] = useState<ConfirmationRow | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void call('staff.confirmations.list', { filter: { limit: 1000 } }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setFailed(true);
        return;
      }
      setRow(rowOf(r.value, screen.receptionNumber));
    });
    return () => {
      live = false;
    };
  }, [call, screen.receptionNumber, changeSeq]);

  return (
    <div className="desk-result" data-outcome={screen.outcome} data-reception-number={screen.receptionNumber}>
      <h2>
        {screenOutcomeLabels[screen.outcome]}（受付番号 {screen.receptionNumber}）
      </h2>
      {failed ? <p role="alert">確認の記録を読み込めませんでした。「本日の確認」でご確認ください。</p> : null}
      {!row && !failed ? <p>記録を読み込んでいます…</p> : null}
      {row ? (
        <dl className="desk-detail" data-route={row.route} data-log-outcome={row.outcome}>
          <dt>方法</dt>
          <dd>{routeLabels[row.route]}</dd>
          <dt>結果</dt>
          <dd>{outcomeLabels[row.outcome]}</dd>
          <dt>氏名</dt>
          <dd>
            {row.name ?? '－'}
            {row.nameKana ? `（${row.nameKana}）` : ''}
          </dd>
          <dt>生年月日</dt>
          <dd>{row.birthdate ? birthDateLabel(row.birthdate) : '－'}</dd>
          <dt>保険者番号</dt>
          <dd>{row.insurerNumber ?? '－'}</dd>
          <dt>記号・番号・枝番</dt>
          <dd>{[row.symbol, row.number, row.branch].filter(Boolean).join('・') || '－'}</dd>
          <dt>負担割合</dt>
          <dd data-copay={row.copayTenths}>{row.copayTenths ? `${row.copayTenths}割` : '－'}</dd>
          <dt>限度額区分</dt>
          <dd data-limit-label={row.limitLabel}>{row.limitLabel ?? '－'}</dd>
          <dt>同意</dt>
          <dd>
            {Object.entries(row.consents)
              .map(
                ([item, c]) =>
                  `${consentItemLabels[item as keyof typeof consentItemLabels]}:${c.agreed ? '同意' : '不同意'}`,
              )
              .join('　') || 'なし'}
          </dd>
        </dl>
      ) : null}
    </div>
  );
}
