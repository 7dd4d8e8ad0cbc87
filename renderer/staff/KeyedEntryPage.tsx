// 資格確認書 keyed entry: staff type the numbers; the core's rules answer live; then the eligibility system.
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import type {
  FieldProblem,
  KeyedEntry,
  KeyedValidation,
  StaffConfirmationResult,
} from '../../electron/common/contract';
import { translator } from '../i18n/catalogs';
import { keyedMaxLength, type KeyedTextField } from './form-rules';
import type { StaffCall } from './staff-call';
import {
  copayLabel,
  documentKindLabels,
  newerIssuanceText,
  outcomeLabels,
  staffErrorText,
  validityLabels,
} from './staff-labels';

type TextField = KeyedTextField;

const fields: readonly { name: TextField; label: string; hint: string; inputMode?: 'numeric' }[] = [
  { name: 'insurerNumber', label: '保険者番号', hint: '6桁または8桁', inputMode: 'numeric' },
  { name: 'symbol', label: '記号', hint: 'ない場合は空欄' },
  { name: 'number', label: '番号', hint: '' },
  { name: 'branch', label: '枝番', hint: '2桁', inputMode: 'numeric' },
  { name: 'birthDate', label: '生年月日', hint: '例: 1975-04-01、昭和50年4月1日' },
  { name: 'issuedOn', label: '交付年月日', hint: '任意' },
  { name: 'validUntil', label: '有効期限', hint: '任意' },
];

/** Fields that must be filled for a document kind: every 資格確認書 prints its 有効期限 (§4.1). */
function isRequired(name: TextField, kind: KeyedEntry['documentKind']): boolean {
  if (name === 'validUntil') return kind === 'shikaku-kakuninsho';
  return name === 'insurerNumber' || name === 'number' || name === 'birthDate';
}

const emptyEntry: KeyedEntry = {
  documentKind: 'shikaku-kakuninsho',
  insurerNumber: '',
  symbol: '',
  number: '',
  branch: '',
  birthDate: '',
};

/** Drops empty optional fields so the rules see them as absent. */
function toRequest(entry: KeyedEntry): KeyedEntry {
  const { issuedOn, validUntil, staffSawMyNumberCard, ...rest } = entry;
  return {
    ...rest,
    ...(issuedOn ? { issuedOn } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(entry.documentKind === 'oshirase' ? { staffSawMyNumberCard: staffSawMyNumberCard ?? false } : {}),
  };
}

const validateDelayMs = 200;
const ja = translator('ja');

export function KeyedEntryPage({ call }: { call: StaffCall }) {
  const [entry, setEntry] = useState<KeyedEntry>(emptyEntry);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [validation, setValidation] = useState<KeyedValidation | undefined>();
  const [limitConsent, setLimitConsent] = useState(false);
  // Whether the clinic still asks about 限度額 (設定: consent.limitScreen); by default it does not.
  const [limitAsked, setLimitAsked] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<StaffConfirmationResult | undefined>();
  const resultRef = useRef<HTMLElement>(null);

  // The answer is what staff came for: it is brought into view and read out as it arrives.
  useEffect(() => {
    if (!result) return;
    resultRef.current?.scrollIntoView?.({ block: 'start' });
    resultRef.current?.focus({ preventScroll: true });
  }, [result]);

  useEffect(() => {
    let live = true;
    void call('staff.settings.get', {}).then((r) => {
      if (live && r.ok) setLimitAsked(r.value.limitConsentScreen);
    });
    return () => {
      live = false;
    };
  }, [call]);

  // Live validation by the core's rules, a moment after typing stops.
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      void call('staff.keyed.validate', { entry: toRequest(entry) }).then((r) => {
        if (live && r.ok) setValidation(r.value);
      });
    }, validateDelayMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [call, entry]);

  const set = (name: keyof KeyedEntry, value: string | boolean): void => {
    setEntry((current) => ({ ...current, [name]: value }));
    setTouched((current) => new Set(current).add(name));
    setResult(undefined);
  };

  const shown = (problem: FieldProblem): boolean => submitted || touched.has(problem.field);
  const problemsOf = (field: string): FieldProblem[] =>
    (validation?.problems ?? []).filter((p) => p.field === field && shown(p));
  const knownFields = new Set<string>(fields.map((f) => f.name));
  const otherProblems = (validation?.problems ?? []).filter((p) => !knownFields.has(p.field) && shown(p));

  const confirm = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (busy || !validation?.ok) return;
    setBusy(true);
    setError(undefined);
    const r = await call('staff.keyed.confirm', { entry: toRequest(entry), limitConsent });
    setBusy(false);
    // The form keeps what was typed beside the answer, until staff start a new entry.
    if (r.ok) setResult(r.value);
    else {
      setError(`${staffErrorText(r.error.code, r.error.message)}（${r.error.code}）`);
    }
  };

  const startNew = (): void => {
    setEntry(emptyEntry);
    setTouched(new Set());
    setSubmitted(false);
    setLimitConsent(false);
    setError(undefined);
    setResult(undefined);
  };

  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">資格確認書 入力</h1>
      {result ? (
        <>
          <KeyedResult result={result} focusRef={resultRef} />
          <div className="staff-form-actions">
            <button type="button" className="button button-primary" onClick={startNew}>
              新しい入力
            </button>
          </div>
        </>
      ) : null}
      <form className="staff-form keyed-form" onSubmit={(e) => void confirm(e)} noValidate>
        <label className="field">
          <span className="field-label">書類</span>
          <select
            name="documentKind"
            value={entry.documentKind}
            onChange={(e) => set('documentKind', e.target.value)}
          >
            {Object.entries(documentKindLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {fields.map((f) => {
          const problems = problemsOf(f.name);
          const errorId = `keyed-${f.name}-error`;
          const required = isRequired(f.name, entry.documentKind);
          const hint = f.name === 'validUntil' ? (required ? '必須' : '任意') : f.hint;
          return (
            <label key={f.name} className="field" data-field={f.name}>
              <span className="field-label">
                {f.label}
                {hint ? <span className="field-hint">（{hint}）</span> : null}
              </span>
              <input
                name={f.name}
                value={entry[f.name] ?? ''}
                maxLength={keyedMaxLength[f.name]}
                inputMode={f.inputMode}
                autoComplete="off"
                required={required}
                aria-required={required || undefined}
                onChange={(e) => set(f.name, e.target.value)}
                aria-invalid={problems.length > 0 || undefined}
                aria-describedby={problems.length > 0 ? errorId : undefined}
              />
              {problems.length > 0 ? (
                <span
                  id={errorId}
                  className="field-error"
                  data-problem={problems.map((p) => p.code).join(' ')}
                >
                  {problems.map((p) => p.message.ja).join(' ')}
                </span>
              ) : null}
            </label>
          );
        })}
        {entry.documentKind === 'oshirase' ? (
          <label className="check">
            <input
              type="checkbox"
              name="staffSawMyNumberCard"
              checked={entry.staffSawMyNumberCard ?? false}
              onChange={(e) => set('staffSawMyNumberCard', e.target.checked)}
            />
            マイナンバーカードを確認しました
          </label>
        ) : null}
        {limitAsked ? (
          <label className="check">
            <input
              type="checkbox"
              name="limitConsent"
              checked={limitConsent}
              onChange={(e) => setLimitConsent(e.target.checked)}
            />
            限度額の情報を窓口で使うことに、患者さんから口頭で同意をいただきました
          </label>
        ) : null}
        {otherProblems.length > 0 ? (
          <ul className="field-error" data-problem={otherProblems.map((p) => p.code).join(' ')}>
            {otherProblems.map((p) => (
              <li key={`${p.field}-${p.code}`}>{p.message.ja}</li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p className="staff-error-summary" role="alert">
            {error}
          </p>
        ) : null}
        <div className="validation-state" role="status" data-valid={validation?.ok ?? false}>
          {validation?.ok ? '入力内容に問題はありません。' : submitted ? '入力内容を確認してください。' : ''}
        </div>
        <div className="staff-form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? '確認しています…' : '資格を確認する'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The answer as staff read it: dates in 和暦, the copay with where it came from. */
export function KeyedResult({
  result,
  focusRef,
}: {
  result: StaffConfirmationResult;
  /** Set by the page to bring the answer into view as it arrives. */
  focusRef?: Ref<HTMLElement>;
}) {
  return (
    <section
      ref={focusRef}
      tabIndex={-1}
      className="staff-result"
      aria-label="確認結果"
      data-outcome={result.outcome}
    >
      <h2>
        確認結果: {outcomeLabels[result.outcome]}
        {result.validity ? `（${validityLabels[result.validity] ?? result.validity}）` : ''}
      </h2>
      {result.receptionNumber ? (
        <p>
          受付番号 <strong data-reception-number={result.receptionNumber}>{result.receptionNumber}</strong>
        </p>
      ) : null}
      {result.errorCode ? <p>エラーコード: {result.errorCode}</p> : null}
      {result.newerIssuance ? (
        <p className="field-error" role="alert" data-newer-issuance={result.newerIssuance.answer.date}>
          {newerIssuanceText(result.newerIssuance.keyed.wareki, result.newerIssuance.answer.wareki)}
        </p>
      ) : null}
      {result.persons.map((p) => (
        <dl key={`${p.insurerNumber}-${p.number}-${p.branch ?? ''}`} className="staff-facts">
          <div>
            <dt>氏名</dt>
            <dd data-person-name>
              {p.name}
              {p.nameKana ? `（${p.nameKana}）` : ''}
              {p.nameNeedsStaffCheck ? ' ※●の文字はカナ氏名で確認してください' : ''}
            </dd>
          </div>
          <div>
            <dt>生年月日</dt>
            <dd data-birthdate={p.birthdate}>{p.birthdateWareki ?? p.birthdate}</dd>
          </div>
          <div>
            <dt>保険者</dt>
            <dd>
              {p.insurerNumber} {p.insurerName ?? ''}
            </dd>
          </div>
          <div>
            <dt>記号・番号・枝番</dt>
            <dd>
              {p.symbol ?? '－'}・{p.number}・{p.branch ?? '－'}
            </dd>
          </div>
          <div>
            <dt>負担割合</dt>
            <dd data-copay-source={p.copaySource}>{copayLabel(p.copayTenths, p.copaySource)}</dd>
          </div>
          {p.limitLabel ? (
            <div>
              <dt>限度額区分</dt>
              <dd>{p.limitLabel}</dd>
            </div>
          ) : null}
        </dl>
      ))}
      {result.notices.length > 0 ? (
        <ul>
          {result.notices.map((n) => (
            <li key={n} data-notice={n}>
              {ja(`notice.${n}`)} {ja(`notice.${n}.next`)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
