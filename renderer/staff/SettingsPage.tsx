// Clinic settings: 医療機関コード (checked by the core), consent items, 限度額 and money on the result screen, languages, timeouts, gateway, reader.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  consentItems,
  languages,
  type ConsentItem,
  type Language,
  type StaffSettings,
  type TimeoutSettings,
} from '../../electron/common/contract';
import { languageNames } from '../i18n/catalogs';
import type { StaffCall } from './staff-call';
import {
  cardTimeLimits,
  gatewayTimeoutLimits,
  refusalOf,
  settingsProblems,
  settingsText,
  timeoutLimits,
  type CardTimeKey,
} from './form-rules';
import { consentItemLabels, staffErrorText } from './staff-labels';

const timeoutLabels: Record<keyof TimeoutSettings, string> = {
  reading: 'カード読み取り',
  pin: '暗証番号入力',
  chooseAuth: '本人確認方法の選択',
  visualWait: '目視確認の待機',
  registration: '利用登録',
  consent: '同意',
  result: '結果表示',
  takeCard: 'カードの取り忘れ案内',
  error: 'エラー表示',
};

const cardTimeLabels: Record<CardTimeKey, { label: string; hint: string }> = {
  resume: { label: 'カードが離れたとき、戻すのを待つ秒数', hint: '同じカードなら続きから' },
  afterLift: { label: 'カードを取った後も結果やエラーを表示する秒数', hint: '読み終えるまで' },
};

const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

/** Brings the first field in error into view and puts the cursor there. */
function showField(form: HTMLFormElement | null, field: string): void {
  const target = form?.querySelector<HTMLElement>(`[name="${field}"], [data-field="${field}"] input`);
  if (!target) return;
  target.scrollIntoView?.({ block: 'center' });
  target.focus({ preventScroll: true });
}

export function SettingsPage({ call }: { call: StaffCall }) {
  const [settings, setSettings] = useState<StaffSettings | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const formRef = useRef<HTMLFormElement>(null);
  const [focusField, setFocusField] = useState<{ field: string } | undefined>();

  useEffect(() => {
    void call('staff.settings.get', {}).then((r) => {
      if (r.ok) setSettings(r.value);
      else
        setMessage({
          ok: false,
          text: `${staffErrorText(r.error.code, r.error.message)}（${r.error.code}）`,
        });
    });
  }, [call]);

  // After the errors are drawn: the page moves to the first one (a long page hides it otherwise).
  useEffect(() => {
    if (focusField) showField(formRef.current, focusField.field);
  }, [focusField]);

  if (!settings) {
    return (
      <section aria-labelledby="staff-heading">
        <h1 id="staff-heading">設定</h1>
        {message ? <p className="field-error">{message.text}</p> : <p>読み込んでいます…</p>}
      </section>
    );
  }

  const update = (change: Partial<StaffSettings>): void => {
    setSettings({ ...settings, ...change });
    setMessage(undefined);
  };
  /** Marks a field in error and names its message, for the input's aria attributes. */
  const invalid = (field: string) =>
    problems.has(field)
      ? { 'aria-invalid': true as const, 'aria-describedby': `settings-${field}-error` }
      : {};
  const errorOf = (field: string) =>
    problems.has(field) ? (
      <span id={`settings-${field}-error`} className="field-error" data-problem-field={field}>
        {problems.get(field)}
      </span>
    ) : null;

  const refuse = (found: Map<string, string>, summary: string): void => {
    setProblems(found);
    setMessage({ ok: false, text: summary });
    const first = found.keys().next();
    if (!first.done) setFocusField({ field: first.value });
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // Checked against the contract here first, so every mistake is named beside its field.
    const found = settingsProblems(settings);
    if (found.size > 0) {
      refuse(found, `入力内容に誤りがあります（${found.size}件）。赤く示した項目を直してください。`);
      return;
    }
    const r = await call('staff.settings.set', { change: settings });
    if (r.ok) {
      setSettings(r.value.settings);
      setProblems(new Map());
      setMessage({
        ok: true,
        text: r.value.restartRequired
          ? '保存しました。一部の設定は再起動後に反映されます。'
          : '保存しました。',
      });
    } else if (r.error.code === 'settings.invalid') {
      const { field, text } = refusalOf(r.error);
      if (field) refuse(new Map([[field, text]]), '保存できませんでした。赤く示した項目を直してください。');
      else refuse(new Map(), text);
    } else {
      setProblems(new Map());
      setMessage({ ok: false, text: `${staffErrorText(r.error.code, r.error.message)}（${r.error.code}）` });
    }
  };

  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">設定</h1>
      <form ref={formRef} className="staff-form staff-settings" onSubmit={(e) => void save(e)} noValidate>
        <label className="field">
          <span className="field-label">端末名</span>
          <input
            name="terminalName"
            value={settings.terminalName}
            {...settingsText.terminalName}
            required
            {...invalid('terminalName')}
            onChange={(e) => update({ terminalName: e.target.value })}
          />
          {errorOf('terminalName')}
        </label>
        <label className="field">
          <span className="field-label">医療機関コード（10桁）</span>
          <input
            name="medicalInstitutionCode"
            inputMode="numeric"
            value={settings.medicalInstitutionCode}
            {...settingsText.medicalInstitutionCode}
            {...invalid('medicalInstitutionCode')}
            onChange={(e) => update({ medicalInstitutionCode: e.target.value })}
          />
          {errorOf('medicalInstitutionCode')}
        </label>
        <fieldset>
          <legend>表示する同意項目</legend>
          {consentItems.map((item: ConsentItem) => (
            <label key={item} className="check">
              <input
                type="checkbox"
                checked={settings.consentItems.includes(item)}
                onChange={(e) =>
                  update({ consentItems: toggle(settings.consentItems, item, e.target.checked) })
                }
              />
              {consentItemLabels[item]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>限度額と負担割合</legend>
          <label className="check">
            <input
              type="checkbox"
              name="limitConsentScreen"
              aria-describedby="limit-screen-note"
              checked={settings.limitConsentScreen}
              onChange={(e) => update({ limitConsentScreen: e.target.checked })}
            />
            限度額情報を窓口で使ってよいか、患者さんに確認する
          </label>
          <p id="limit-screen-note" className="detail">
            通常はオフです。2024年10月7日から限度額情報は本人の同意なしで医療機関に提供され、顔認証付きカードリーダーの同意画面もなくなりました。オンにすると、「使わない」を選んだ方の限度額区分は、職員画面・確認記録・face
            フォルダに渡しません。
          </p>
          <label className="check">
            <input
              type="checkbox"
              name="resultShowsCopayAndLimit"
              aria-describedby="result-money-note"
              checked={settings.resultShowsCopayAndLimit}
              onChange={(e) => update({ resultShowsCopayAndLimit: e.target.checked })}
            />
            受付完了の画面に負担割合と限度額区分を表示する
          </label>
          <p id="result-money-note" className="detail">
            通常はオフです。受付機の画面は後ろに並ぶ方からも見えるためです。オフでも、職員画面・確認記録・face
            フォルダには渡します。
          </p>
        </fieldset>
        <fieldset data-field="languages">
          <legend>使用する言語</legend>
          {errorOf('languages')}
          {languages.map((language: Language) => (
            <label key={language} className="check" lang={language}>
              <input
                type="checkbox"
                checked={settings.languages.includes(language)}
                disabled={language === settings.defaultLanguage}
                onChange={(e) =>
                  update({ languages: toggle(settings.languages, language, e.target.checked) })
                }
              />
              {languageNames[language]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>無操作で最初の画面に戻るまでの秒数</legend>
          {(Object.keys(timeoutLabels) as (keyof TimeoutSettings)[]).map((key) => (
            <div key={key} className="field" data-field={`timeout-${key}`}>
              <label className="field-inline">
                <span className="field-label">
                  {timeoutLabels[key]}
                  <span className="field-hint">
                    （{timeoutLimits[key].min}〜{timeoutLimits[key].max}）
                  </span>
                </span>
                <input
                  type="number"
                  name={`timeout-${key}`}
                  min={timeoutLimits[key].min}
                  max={timeoutLimits[key].max}
                  step={1}
                  value={Number.isFinite(settings.timeouts[key]) ? settings.timeouts[key] : ''}
                  {...invalid(`timeout-${key}`)}
                  onChange={(e) =>
                    update({ timeouts: { ...settings.timeouts, [key]: inputNumber(e.target.value) } })
                  }
                />
              </label>
              {errorOf(`timeout-${key}`)}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>カードが離れたとき</legend>
          {(Object.keys(cardTimeLabels) as CardTimeKey[]).map((key) => (
            <div key={key} className="field" data-field={`card-${key}`}>
              <label className="field-inline">
                <span className="field-label">
                  {cardTimeLabels[key].label}
                  <span className="field-hint">
                    （{cardTimeLabels[key].hint}・{cardTimeLimits[key].min}〜{cardTimeLimits[key].max}）
                  </span>
                </span>
                <input
                  type="number"
                  name={`card-${key}`}
                  min={cardTimeLimits[key].min}
                  max={cardTimeLimits[key].max}
                  step={1}
                  value={Number.isFinite(settings.card[key]) ? settings.card[key] : ''}
                  {...invalid(`card-${key}`)}
                  onChange={(e) => update({ card: { ...settings.card, [key]: inputNumber(e.target.value) } })}
                />
              </label>
              {errorOf(`card-${key}`)}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>資格確認</legend>
          <label className="field">
            <span className="field-label">接続方式</span>
            <select
              name="gatewayAdapter"
              value={settings.gateway.adapter}
              onChange={(e) =>
                update({
                  gateway: {
                    ...settings.gateway,
                    adapter: e.target.value as StaffSettings['gateway']['adapter'],
                  },
                })
              }
            >
              <option value="simulator">シミュレーター</option>
              <option value="oqs-folder">資格確認端末（共有フォルダ）</option>
            </select>
          </label>
          {(['requestFolder', 'resultFolder', 'faceFolder'] as const).map((key) => (
            <label key={key} className="field">
              <span className="field-label">
                {key === 'requestFolder'
                  ? '要求フォルダ（req）'
                  : key === 'resultFolder'
                    ? '結果フォルダ（res）'
                    : 'face フォルダ'}
              </span>
              <input
                name={key}
                value={settings.gateway[key]}
                {...settingsText[key]}
                {...invalid(key)}
                onChange={(e) => update({ gateway: { ...settings.gateway, [key]: e.target.value } })}
              />
              {errorOf(key)}
            </label>
          ))}
          <div className="field" data-field="gatewayTimeout">
            <label className="field-inline">
              <span className="field-label">
                応答待ち（秒）
                <span className="field-hint">
                  （{gatewayTimeoutLimits.min}〜{gatewayTimeoutLimits.max}）
                </span>
              </span>
              <input
                type="number"
                name="gatewayTimeout"
                min={gatewayTimeoutLimits.min}
                max={gatewayTimeoutLimits.max}
                step={1}
                value={
                  Number.isFinite(settings.gateway.timeoutSeconds) ? settings.gateway.timeoutSeconds : ''
                }
                {...invalid('gatewayTimeout')}
                onChange={(e) =>
                  update({ gateway: { ...settings.gateway, timeoutSeconds: inputNumber(e.target.value) } })
                }
              />
            </label>
            {errorOf('gatewayTimeout')}
          </div>
        </fieldset>
        <label className="field">
          <span className="field-label">カードリーダー名（この文字を含むリーダーを使用。空欄ですべて）</span>
          <input
            name="readerNameFilter"
            value={settings.readerNameFilter}
            {...settingsText.readerNameFilter}
            {...invalid('readerNameFilter')}
            onChange={(e) => update({ readerNameFilter: e.target.value })}
          />
          {errorOf('readerNameFilter')}
        </label>
        {message ? (
          <p
            className={message.ok ? 'staff-notice' : 'staff-error-summary'}
            role={message.ok ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        ) : null}
        <button type="submit" className="button button-primary">
          保存する
        </button>
      </form>
    </section>
  );
}

/** A number box's text as a number; an empty or partial entry is NaN, which the contract check names. */
function inputNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
