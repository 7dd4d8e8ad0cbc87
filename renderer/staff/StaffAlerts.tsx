// The alert strip at the top of every staff page: what needs someone now, each with 確認しました, and the chime's mute.
import type { StaffAlert } from './staff-alerts';

export function StaffAlerts({
  alerts,
  muted,
  onDismiss,
  onMuted,
}: {
  alerts: readonly StaffAlert[];
  muted: boolean;
  onDismiss: (key: string) => void;
  onMuted: (muted: boolean) => void;
}) {
  return (
    <div className="staff-alerts" data-alerts={alerts.length}>
      {/* A live region that is always present: an alert added to it is read out as it appears. */}
      <div className="staff-alert-list" role="alert" aria-label="お知らせ">
        {alerts.map((alert) => (
          <div key={alert.key} className="staff-alert" data-alert={alert.kind} data-reader={alert.reader}>
            <span className="staff-alert-text">{alert.text}</span>
            <button type="button" className="button button-quiet" onClick={() => onDismiss(alert.key)}>
              確認しました
            </button>
          </div>
        ))}
      </div>
      <button
        type="button"
        className="button button-quiet staff-alert-sound"
        aria-pressed={!muted}
        data-muted={muted}
        onClick={() => onMuted(!muted)}
      >
        通知音: {muted ? 'オフ' : 'オン'}
      </button>
    </div>
  );
}
