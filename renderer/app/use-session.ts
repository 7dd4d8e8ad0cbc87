// Keeps the latest session snapshot from the core, dropping stale ones, and tracks the connection.
import { useEffect, useState } from 'react';
import type { SessionSnapshot } from '../../electron/common/contract';
import type { KioskBridge } from '../bridge/kiosk-bridge';

export interface SessionView {
  snapshot: SessionSnapshot | undefined;
  connected: boolean;
}

export function useSession(bridge: KioskBridge): SessionView {
  const [snapshot, setSnapshot] = useState<SessionSnapshot | undefined>();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const accept = (next: SessionSnapshot): void =>
      setSnapshot((current) => (current && current.seq > next.seq ? current : next));
    const offEvent = bridge.api.on('session.changed', accept);
    const offConnection = bridge.onConnection((isConnected) => {
      setConnected(isConnected);
      if (!isConnected) return;
      void bridge.api.invoke('renderer.ready', {}).then((result) => {
        if (result.ok) accept(result.value);
      });
    });
    return () => {
      offEvent();
      offConnection();
    };
  }, [bridge]);
  return { snapshot, connected };
}
