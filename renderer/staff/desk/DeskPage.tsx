// 窓口で確認: a card placed on the desk reader of a staff terminal, run by staff from the console.
import { useEffect, useState } from 'react';
import type { KioskApi, Language, SessionSnapshot, StaffStatus } from '../../../electron/common/contract';
import { languageNames, translator } from '../../i18n/catalogs';
import { I18nContext } from '../../i18n/i18n-context';
import type { StaffCall } from '../staff-call';
import { staffErrorText } from '../staff-labels';
import { ALREADY_HANDLED_TEXT } from '../VisualPage';
import {
  busyLabels,
  errorReasonLabels,
  identityLabels,
  outOfServiceLabels,
  patientStepLabels,
} from './desk-labels';
import { DeskResult } from './DeskResult';
import { deskStep } from './desk-step';
import type { Desk } from './use-desk';
import { useTouchOnInput } from '../../app/use-inactivity';
import { DeskInactivity } from './DeskInactivity';
import './desk.css';

/** The staff view is Japanese; only the countdown notice needs the catalogue. */
const staffI18n = { language: 'ja' as const, t: translator('ja') };

export function DeskPage({
  api,
  call,
  snapshot,
  status,
  desk,
  changeSeq,
}: {
  api: KioskApi;
  call: StaffCall;
  snapshot: SessionSnapshot | undefined;
  status: StaffStatus | undefined;
  desk: Desk;
  changeSeq: number;
}) {
  const [message, setMessage] = useState<string | undefined>();
  useTouchOnInput(desk.touch);
  // A note about one step (an approval, a refusal) does not outlive that step.
  const screenName = snapshot?.screen.name;
  useEffect(() => setMessage(undefined), [screenName]);

  if (!snapshot) {
    return (
      <section aria-labelledby="staff-heading">
        <h1 id="staff-heading">窓口で確認</h1>
        <p>接続しています…</p>
      </section>
    );
  }
  const step = deskStep(snapshot.screen);
  const cancel = (): void => {
    setMessage(undefined);
    void api.invoke('session.cancel', {});
  };
  // 目視確認 on the spot: the same approval as the 目視確認 page, with the signed-in staff member's token, so
  // the log records the route card-visual and who approved.
  const reader = status?.visualPending[0]?.reader;
  const answerVisual = async (approve: boolean): Promise<void> => {
    if (!reader) return;
    const result = await call(approve ? 'staff.visual.approve' : 'staff.visual.decline', { reader });
    // An answer taken moves the check-in on, which the page shows; only a refusal needs words.
    if (result.ok) return;
    if (result.error.code === 'visual.not-pending') setMessage(ALREADY_HANDLED_TEXT);
    else setMessage(`${staffErrorText(result.error.code, result.error.message)}（${result.error.code}）`);
  };
  const cancelButton = (
    <button type="button" className="button button-quiet" onClick={cancel}>
      この受付を中止する
    </button>
  );
  const languagePicker =
    snapshot.languages.length > 1 ? (
      <label className="field">
        <span className="field-label">患者さんの画面の言語</span>
        <select
          name="patient-language"
          value={snapshot.preferences.language}
          onChange={(e) => void api.invoke('preferences.set', { language: e.target.value as Language })}
        >
          {snapshot.languages.map((language) => (
            <option key={language} value={language}>
              {languageNames[language]}
            </option>
          ))}
        </select>
      </label>
    ) : null;

  let body;
  switch (step.kind) {
    case 'waiting':
      body = (
        <>
          <h2>カードを待っています</h2>
          <p>
            患者さんご本人に、マイナ保険証を窓口のカードリーダーに置いていただいてください。資格確認書の方は「資格確認書
            入力」から入力します。
          </p>
        </>
      );
      break;
    case 'out-of-service':
      body = (
        <>
          <h2>ただいま確認できません</h2>
          <p>{outOfServiceLabels[step.reason]}</p>
        </>
      );
      break;
    case 'busy':
      body = <p aria-busy="true">{busyLabels[step.what]}</p>;
      break;
    case 'identity':
      body = (
        <>
          <h2>本人確認</h2>
          <p>{identityLabels[step.why]}</p>
          {languagePicker}
          <div className="action-row staff-form-actions">
            {step.pin ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  if (snapshot.screen.name !== 'pin') void api.invoke('auth.choose', { method: 'pin' });
                  desk.turn();
                }}
              >
                患者さんに画面を向ける（暗証番号）
              </button>
            ) : null}
            {step.visual ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => void api.invoke('auth.choose', { method: 'visual' })}
              >
                目視で確認する
              </button>
            ) : null}
            {cancelButton}
          </div>
        </>
      );
      break;
    case 'visual':
      body = (
        <>
          <h2>目視確認</h2>
          <p>カードの顔写真とご本人を見比べてください。</p>
          {!reader ? <p aria-busy="true">準備しています…</p> : null}
          <div className="action-row staff-form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!reader}
              onClick={() => void answerVisual(true)}
            >
              本人と確認しました
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={!reader}
              onClick={() => void answerVisual(false)}
            >
              本人と確認できません
            </button>
          </div>
        </>
      );
      break;
    case 'patient':
      body = (
        <>
          <h2>患者さんに画面を向けてください</h2>
          <p>
            {patientStepLabels[step.step]}
            は、患者さんご本人が画面で操作します。職員が代わりに入力・選択することはできません。
          </p>
          {languagePicker}
          <div className="action-row staff-form-actions">
            <button type="button" className="button button-primary" onClick={desk.turn}>
              患者さん用の画面にする
            </button>
            {cancelButton}
          </div>
        </>
      );
      break;
    case 'result':
      if (snapshot.screen.name !== 'result') break;
      body = (
        <>
          <DeskResult call={call} screen={snapshot.screen} changeSeq={changeSeq} />
          <div className="action-row staff-form-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void api.invoke('result.done', {})}
            >
              受付を終える
            </button>
          </div>
        </>
      );
      break;
    case 'take-card':
      body = (
        <>
          <h2>カードをお返しください</h2>
          <p>患者さんにカードをお取りいただいてください。カードが離れると、次の受付に進みます。</p>
        </>
      );
      break;
    case 'card-lifted':
      body = (
        <>
          <h2>カードが離れました</h2>
          <p>{step.resumeSeconds}秒以内に同じカードを置くと、続きから再開します。</p>
          <div className="action-row staff-form-actions">{cancelButton}</div>
        </>
      );
      break;
    case 'registration-declined':
    case 'error':
      body = (
        <>
          <h2>受付できませんでした</h2>
          <p role="alert">
            {step.kind === 'error'
              ? errorReasonLabels[step.reason]
              : errorReasonLabels['registration-declined']}
            {step.kind === 'error' ? <span>（{step.code}）</span> : null}
          </p>
          <div className="action-row staff-form-actions">
            <button type="button" className="button button-primary" onClick={cancel}>
              終了する
            </button>
          </div>
        </>
      );
      break;
  }

  return (
    <I18nContext.Provider value={staffI18n}>
      <section aria-labelledby="staff-heading" className="desk-step" data-desk-step={step.kind}>
        <h1 id="staff-heading">窓口で確認</h1>
        {message ? (
          <p className="staff-notice" role="status">
            {message}
          </p>
        ) : null}
        {body}
      </section>
      <DeskInactivity desk={desk} timeoutSeconds={snapshot.timeoutSeconds} />
    </I18nContext.Provider>
  );
}
