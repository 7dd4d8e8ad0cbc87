// The application core: owns the session snapshot, answers the contract's channels, and notifies on change.
import type { Preferences, SessionSnapshot } from '../common/contract';
import type { KioskConfig } from './config/config-schema';
import type { InvokeHandlers } from './ipc/dispatcher';

export interface KioskCore {
  readonly handlers: InvokeHandlers;
  snapshot(): SessionSnapshot;
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  dispose(): Promise<void>;
}

export interface KioskCoreDeps {
  config: KioskConfig;
  simulation: boolean;
}

export function createKioskCore({ config, simulation }: KioskCoreDeps): KioskCore {
  const listeners = new Set<(snapshot: SessionSnapshot) => void>();
  const initialPreferences = (): Preferences => ({
    language: config.ui.defaultLanguage,
    largeText: config.ui.largeText,
    voice: config.ui.voice,
  });
  let state: SessionSnapshot = {
    seq: 0,
    screen: { name: 'idle' },
    preferences: initialPreferences(),
    simulation,
    terminalName: config.terminalName,
  };

  const update = (change: Partial<Omit<SessionSnapshot, 'seq'>>): SessionSnapshot => {
    state = { ...state, ...change, seq: state.seq + 1 };
    for (const listener of listeners) listener(state);
    return state;
  };

  const handlers: InvokeHandlers = {
    'renderer.ready': () => state,
    'session.get': () => state,
    'session.cancel': () => {
      // Back to idle with the clinic's default preferences: a new patient starts clean.
      update({ screen: { name: 'idle' }, preferences: initialPreferences() });
      return null;
    },
    'preferences.set': (request) => {
      const language =
        request.language && config.ui.languages.includes(request.language)
          ? request.language
          : state.preferences.language;
      return update({ preferences: { ...state.preferences, ...request, language } });
    },
  };

  return {
    handlers,
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      listeners.clear();
    },
  };
}
