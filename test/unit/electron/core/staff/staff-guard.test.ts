// The staff token guard: derived from the contract's channel list, checks before the handler runs, passes the staff member.
import { describe, expect, it } from 'vitest';
import { invokeChannelNames } from '../../../../../electron/common/contract';
import { KioskError } from '../../../../../electron/common/errors';
import {
  guardStaffHandlers,
  guardedStaffChannels,
  staffChannels,
  type GuardedStaffChannel,
  type GuardedStaffHandlers,
} from '../../../../../electron/core/staff/staff-guard';
import type { StaffIdentity } from '../../../../../electron/core/staff/staff-auth';

const LIVE = 'l'.repeat(64);

/** A handler per guarded channel that records the call and answers null (the answer is not checked here). */
function recordingHandlers(calls: { channel: string; staff: StaffIdentity }[]): GuardedStaffHandlers {
  const handlers: Partial<Record<GuardedStaffChannel, (request: unknown, staff: StaffIdentity) => null>> = {};
  for (const channel of guardedStaffChannels) {
    handlers[channel] = (_request, staff) => {
      calls.push({ channel, staff });
      return null;
    };
  }
  return handlers as unknown as GuardedStaffHandlers;
}

const auth = {
  checked: [] as string[],
  check(token: string): StaffIdentity {
    this.checked.push(token);
    if (token !== LIVE) throw new KioskError('staff.unauthorized', 'ログインが必要です');
    return { staffName: '佐藤', role: 'staff' };
  },
};

describe('staff token guard', () => {
  it('covers every staff channel of the contract except login', () => {
    const fromContract = invokeChannelNames.filter((channel) => channel.startsWith('staff.'));
    expect(staffChannels).toEqual(fromContract);
    expect(guardedStaffChannels).toEqual(
      fromContract.filter((channel) => channel !== 'staff.login' && channel !== 'staff.accounts.names'),
    );
    expect(guardedStaffChannels.length).toBeGreaterThanOrEqual(11);
  });

  it.each(guardedStaffChannels)(
    '%s runs only for a live token and gets its staff member',
    async (channel) => {
      const calls: { channel: string; staff: StaffIdentity }[] = [];
      auth.checked = [];
      const guarded = guardStaffHandlers(auth, recordingHandlers(calls)) as unknown as Record<
        string,
        (request: { token: string }) => unknown
      >;
      const handler = guarded[channel];
      expect(handler).toBeTypeOf('function');
      expect(() => handler?.({ token: 'x'.repeat(64) })).toThrow(
        expect.objectContaining({ code: 'staff.unauthorized' }),
      );
      expect(calls).toEqual([]);
      expect(await handler?.({ token: LIVE })).toBeNull();
      expect(calls).toEqual([{ channel, staff: { staffName: '佐藤', role: 'staff' } }]);
      expect(auth.checked).toEqual(['x'.repeat(64), LIVE]);
    },
  );

  it('serves no channel outside the guarded list', () => {
    const guarded = guardStaffHandlers(auth, recordingHandlers([]));
    expect(Object.keys(guarded).sort()).toEqual([...guardedStaffChannels].sort());
    expect(Object.keys(guarded)).not.toContain('staff.login');
    expect(Object.keys(guarded)).not.toContain('staff.accounts.names');
  });
});
