// The terminal's mode reaches every renderer in the session snapshot, the contract's one state channel.
import { describe, expect, it } from 'vitest';
import { SessionSnapshot } from '../../../../electron/common/contract';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createKioskCore } from '../../../../electron/core/kiosk-core';

describe('snapshot mode', () => {
  it('names a staff terminal as staff, in a snapshot the contract accepts', async () => {
    const core = createKioskCore({ config: parseConfig({ mode: 'staff' }), simulation: false });
    try {
      expect(core.snapshot().mode).toBe('staff');
      expect(SessionSnapshot.parse(core.snapshot()).mode).toBe('staff');
      const ready = await core.handlers['renderer.ready']({});
      expect(ready).toMatchObject({ mode: 'staff' });
    } finally {
      await core.dispose();
    }
  });

  it('names a kiosk as kiosk, by default and when set', async () => {
    for (const config of [{}, { mode: 'kiosk' as const }]) {
      const core = createKioskCore({ config: parseConfig(config), simulation: false });
      expect(core.snapshot().mode).toBe('kiosk');
      await core.dispose();
    }
  });
});
