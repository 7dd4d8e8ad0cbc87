// A ConfirmationLog wrapper for the simulator panel's "log down" fault: every call fails while it is on.
import { LogError, type ConfirmationLog } from '../log/confirmation-log';

export interface FaultLog extends ConfirmationLog {
  setDown(down: boolean): void;
  readonly down: boolean;
}

export function withLogFault(inner: ConfirmationLog): FaultLog {
  let down = false;
  const guard = (): void => {
    if (down) throw new LogError('log.unwritable', 'シミュレーター: 記録を書き込めません（障害設定）');
  };
  return {
    get down() {
      return down;
    },
    setDown(next) {
      down = next;
    },
    record(entry) {
      guard();
      return inner.record(entry);
    },
    recordNumbered(entry) {
      guard();
      return inner.recordNumbered(entry);
    },
    peekReceptionNumber() {
      guard();
      return inner.peekReceptionNumber();
    },
    list(query) {
      guard();
      return inner.list(query);
    },
    keep(entry) {
      inner.keep(entry);
    },
    flushKept() {
      guard();
      return inner.flushKept();
    },
    get keptCount() {
      return inner.keptCount;
    },
    close() {
      inner.close();
    },
  };
}
