// An error for the patient: what happened in plain words, what to do next, and a code staff can read off.
export interface ErrorPanelProps {
  message: string;
  next: string;
  codeLabel: string;
  code: string;
}

export function ErrorPanel({ message, next, codeLabel, code }: ErrorPanelProps) {
  return (
    <div className="error-panel" role="alert">
      <p className="error-message">{message}</p>
      <p className="error-next">{next}</p>
      <p className="error-code">
        {codeLabel}: <code data-error-code={code}>{code}</code>
      </p>
    </div>
  );
}
