// 目視確認: cards waiting at a reader; staff compare the card photo with the patient, then approve or decline.
import { useState } from 'react';
import type { StaffStatus } from '../../electron/common/contract';
import type { StaffCall } from './staff-call';
import { certificateLabels, clinicTime, staffErrorText, tokenKindLabels } from './staff-labels';

/** What staff read when the request they clicked was already answered, by a colleague or by the patient cancelling. */
export const ALREADY_HANDLED_TEXT =
  'この目視確認はすでに終わっています（ほかの職員が対応したか、患者さんが取り消しました）。';

export function VisualPage({
  call,
  status,
  onHandled,
}: {
  call: StaffCall;
  status: StaffStatus | undefined;
  /** The request at this reader is over: it leaves the list at once. */
  onHandled: (reader: string) => void;
}) {
  const [message, setMessage] = useState<string | undefined>();
  const answer = async (reader: string, approve: boolean): Promise<void> => {
    const result = await call(approve ? 'staff.visual.approve' : 'staff.visual.decline', { reader });
    if (result.ok) {
      onHandled(reader);
      setMessage(
        approve
          ? `${reader}: 目視確認を承認しました。`
          : `${reader}: 目視確認で本人と確認できないとしました。`,
      );
    } else if (result.error.code === 'visual.not-pending') {
      // Not a fault: the request ended between the list being drawn and the click.
      onHandled(reader);
      setMessage(`${reader}: ${ALREADY_HANDLED_TEXT}`);
    } else {
      setMessage(`${staffErrorText(result.error.code, result.error.message)}（${result.error.code}）`);
    }
  };
  const pending = status?.visualPending ?? [];
  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">目視確認</h1>
      <p className="staff-help">
        カードの顔写真とご本人を見比べてください。暗証番号は患者さんご本人が入力します。職員は入力しないでください。
      </p>
      {message ? (
        <p className="staff-notice" role="status">
          {message}
        </p>
      ) : null}
      {!status ? <p>読み込んでいます…</p> : null}
      {status && pending.length === 0 ? (
        <p data-visual-pending="0">目視確認を待っているカードはありません。</p>
      ) : null}
      <ul className="staff-cards" data-visual-pending={pending.length}>
        {pending.map((p) => (
          <li key={p.reader} className="staff-card" data-reader={p.reader}>
            <h2>{p.reader}</h2>
            <p>
              {clinicTime(p.since)} から待機中 ・ {p.tokenKind ? tokenKindLabels[p.tokenKind] : '種別確認中'}{' '}
              ・ 電子証明書: {certificateLabels[p.certificate]}
            </p>
            <div className="action-row">
              <button
                type="button"
                className="button button-primary"
                onClick={() => void answer(p.reader, true)}
              >
                本人と確認しました
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => void answer(p.reader, false)}
              >
                本人と確認できません
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
