// CSV export of a date range from the confirmation log, downloaded by the browser.
import { useEffect, useState, type FormEvent } from 'react';
import type { StaffCall } from './staff-call';
import { staffErrorText } from './staff-labels';

/** `today` is the clinic's day from the core: the browser's own date may be another zone's. */
export function ExportPage({ call, today }: { call: StaffCall; today: string | undefined }) {
  const [from, setFrom] = useState(today ?? '');
  const [to, setTo] = useState(today ?? '');
  // The range starts on the clinic's today as soon as the core has said which day that is.
  useEffect(() => {
    if (!today) return;
    setFrom((current) => current || today);
    setTo((current) => current || today);
  }, [today]);
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const exportCsv = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (from > to) {
      setMessage('開始日は終了日より前にしてください。');
      return;
    }
    setBusy(true);
    const r = await call('staff.confirmations.export', { from, to });
    setBusy(false);
    if (!r.ok) {
      setMessage(`${staffErrorText(r.error.code, r.error.message)}（${r.error.code}）`);
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
    setMessage(`${r.value.fileName} を出力しました。`);
  };

  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">CSV出力</h1>
      <form className="staff-form" onSubmit={(e) => void exportCsv(e)}>
        <label className="field">
          <span className="field-label">開始日</span>
          <input
            type="date"
            name="from"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span className="field-label">終了日</span>
          <input
            type="date"
            name="to"
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          CSVを出力する
        </button>
      </form>
      {message ? (
        <p className="staff-notice" role="status">
          {message}
        </p>
      ) : null}
    </section>
  );
}
