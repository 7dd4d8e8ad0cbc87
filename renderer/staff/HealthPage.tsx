// Reader, eligibility gateway and log health, as the core reports it, with any card left on a reader.
import type { StaffStatus } from '../../electron/common/contract';
import { clinicTime, screenLabel } from './staff-labels';

const ok = (good: boolean): string => (good ? '正常' : '異常');

export function HealthPage({ status }: { status: StaffStatus | undefined }) {
  const left = new Map((status?.cardsLeft ?? []).map((c) => [c.reader, c.since]));
  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">機器の状態</h1>
      {!status ? (
        <p>読み込んでいます…</p>
      ) : (
        <dl className="staff-facts">
          <div data-health="reader" data-ok={status.readerService === 'up'}>
            <dt>カードリーダー</dt>
            <dd>
              {status.readerService === 'up' ? '正常' : '停止中'}
              {status.simulation ? '（シミュレーション）' : ''}
            </dd>
          </div>
          {status.readers.map((r) => (
            <div key={r.name} data-reader={r.name} data-card-left={left.has(r.name)}>
              <dt>{r.name}</dt>
              <dd>
                {r.cardPresent ? 'カードあり' : 'カードなし'} ・ 画面: {screenLabel(r.screen)}
                {left.has(r.name) ? (
                  <strong className="staff-warning">
                    {' '}
                    ・ カードが残っています（{clinicTime(left.get(r.name) ?? '')} から）
                  </strong>
                ) : null}
              </dd>
            </div>
          ))}
          <div data-health="gateway" data-ok={status.gateway.ok}>
            <dt>資格確認（{status.gateway.kind}）</dt>
            <dd>
              {ok(status.gateway.ok)} {status.gateway.detail}
            </dd>
          </div>
          <div data-health="log" data-ok={status.log.ok}>
            <dt>確認記録</dt>
            <dd>
              {ok(status.log.ok)} {status.log.detail}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
