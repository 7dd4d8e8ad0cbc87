// Simulator panel (/simulator, simulation mode only): present and remove virtual cards, and trigger faults.
import { useCallback, useEffect, useState } from 'react';
import type { SimCardVariant, SimFaults, SimGatewayFault, SimState } from '../../electron/common/contract';
import type { IpcResult } from '../../electron/common/result';
import type { KioskBridge } from '../bridge/kiosk-bridge';

const variantLabels: Record<SimCardVariant, string> = {
  physical: 'マイナンバーカード',
  android: 'スマートフォン（Android）',
  iphone: 'スマートフォン（iPhone）',
  'face-auth': '顔認証マイナンバーカード（暗証番号なし）',
  expired: '電子証明書の期限切れカード',
  locked: '暗証番号ロック済みカード',
  'not-my-number': 'マイナンバーカード以外のカード',
};

const gatewayFaultLabels: Record<SimGatewayFault, string> = {
  none: 'なし',
  slow: '応答が遅い',
  timeout: '応答なし（タイムアウト）',
  error: 'エラー応答',
  malformed: '不正な応答',
};

export function SimulatorApp({ bridge }: { bridge: KioskBridge }) {
  const api = bridge.api;
  const [state, setState] = useState<SimState | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [holderId, setHolderId] = useState('');
  const [variant, setVariant] = useState<SimCardVariant>('physical');

  useEffect(() => {
    document.documentElement.lang = 'ja-JP';
    document.title = 'カードシミュレーター';
  }, []);

  const accept = useCallback((r: IpcResult<SimState>) => {
    if (r.ok) {
      setState(r.value);
      setProblem(undefined);
      setHolderId((current) => current || r.value.holders[0]?.id || '');
    } else {
      setProblem(
        r.error.code === 'ipc.forbidden'
          ? 'シミュレーションモードではないため、この画面は使えません。'
          : `${r.error.message}（${r.error.code}）`,
      );
    }
  }, []);

  useEffect(() => {
    const load = (): void => void api.invoke('sim.state', {}).then(accept);
    const offConnection = bridge.onConnection((connected) => {
      if (connected) load();
    });
    const offChanged = api.on('sim.changed', load);
    return () => {
      offConnection();
      offChanged();
    };
  }, [api, bridge, accept]);

  const present = (reader: string): void =>
    void api.invoke('sim.present', { reader, variant, holderId }).then(accept);
  const remove = (reader: string): void => void api.invoke('sim.remove', { reader }).then(accept);
  const setFaults = (change: Partial<SimFaults>): void => void api.invoke('sim.faults', change).then(accept);

  return (
    <div className="staff" data-screen="simulator">
      <header className="staff-header">
        <p className="staff-title">カードシミュレーター</p>
      </header>
      <main className="staff-main" aria-labelledby="sim-heading">
        <h1 id="sim-heading">仮想カードと障害</h1>
        {problem ? (
          <p className="field-error" role="alert" data-sim-problem>
            {problem}
          </p>
        ) : null}
        {state ? (
          <>
            <p className="staff-help">
              仮想カードの暗証番号は <strong data-sim-pin>{state.pin}</strong> です。
            </p>
            <div className="staff-form sim-choose">
              <label className="field">
                <span className="field-label">被保険者</span>
                <select name="holder" value={holderId} onChange={(e) => setHolderId(e.target.value)}>
                  {state.holders.map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">カードの種類</span>
                <select
                  name="variant"
                  value={variant}
                  onChange={(e) => setVariant(e.target.value as SimCardVariant)}
                >
                  {state.variants.map((v) => (
                    <option key={v} value={v}>
                      {variantLabels[v]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <ul className="staff-cards">
              {state.readers.map((reader) => (
                <li
                  key={reader.name}
                  className="staff-card"
                  data-reader={reader.name}
                  data-card={reader.card ? 'present' : 'none'}
                  data-reader-service={state.faults.readerDown ? 'down' : 'up'}
                >
                  <h2>{reader.name}</h2>
                  <p>
                    {reader.card
                      ? `${variantLabels[reader.card.variant]}：${reader.card.label}`
                      : 'カードなし'}
                  </p>
                  {/* A stopped reader service does not take the card away: it lies there, unseen by the kiosk. */}
                  {state.faults.readerDown ? (
                    <p className="field-error" data-sim-reader-down>
                      カードリーダー停止中：キオスクからはカードが見えません。
                    </p>
                  ) : null}
                  <div className="action-row">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={!holderId}
                      onClick={() => present(reader.name)}
                    >
                      カードを置く
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={!reader.card}
                      onClick={() => remove(reader.name)}
                    >
                      カードを取る
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <fieldset className="staff-form">
              <legend>障害</legend>
              <label className="check">
                <input
                  type="checkbox"
                  name="readerDown"
                  checked={state.faults.readerDown}
                  onChange={(e) => setFaults({ readerDown: e.target.checked })}
                />
                カードリーダー停止
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  name="logDown"
                  checked={state.faults.logDown}
                  onChange={(e) => setFaults({ logDown: e.target.checked })}
                />
                記録の保存に失敗
              </label>
              <label className="field">
                <span className="field-label">資格確認システム</span>
                <select
                  name="gatewayFault"
                  value={state.faults.gateway}
                  onChange={(e) => setFaults({ gateway: e.target.value as SimGatewayFault })}
                >
                  {Object.entries(gatewayFaultLabels).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            </fieldset>
          </>
        ) : problem ? null : (
          <p>読み込んでいます…</p>
        )}
      </main>
    </div>
  );
}
