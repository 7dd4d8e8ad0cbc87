// Puts every staff channel of the contract but login behind a live staff token, so none is served without it.
import { invokeChannelNames, type InvokeChannel } from '../../common/contract';
import type { InvokeHandler } from '../ipc/dispatcher';
import type { StaffIdentity } from './staff-auth';

/** Every staff channel of the contract. */
export type StaffChannel = Extract<InvokeChannel, `staff.${string}`>;
/** The staff channels that need a live token: all but login, which issues it. */
export type GuardedStaffChannel = Exclude<StaffChannel, 'staff.login'>;

const isStaffChannel = (channel: InvokeChannel): channel is StaffChannel => channel.startsWith('staff.');

/** The contract's staff channels, in the contract's order. */
export const staffChannels: readonly StaffChannel[] = invokeChannelNames.filter(isStaffChannel);
/** The contract's staff channels that need a live token. */
export const guardedStaffChannels: readonly GuardedStaffChannel[] = staffChannels.filter(
  (channel): channel is GuardedStaffChannel => channel !== 'staff.login',
);

type RequestOf<C extends InvokeChannel> = Parameters<InvokeHandler<C>>[0];

/**
 * A guarded channel's handler: it receives the staff member the token belongs to. A staff channel whose
 * request carries no token has the type `never` here, so adding one to the contract does not compile.
 */
export type GuardedStaffHandler<C extends GuardedStaffChannel> =
  RequestOf<C> extends { token: string }
    ? (request: RequestOf<C>, staff: StaffIdentity) => ReturnType<InvokeHandler<C>>
    : never;

export type GuardedStaffHandlers = { [C in GuardedStaffChannel]: GuardedStaffHandler<C> };

/** The one check every guarded channel passes: the staff member behind a live token, or `staff.unauthorized`. */
export interface StaffTokenCheck {
  check(token: string): StaffIdentity;
}

/**
 * Wraps the handler of every guarded channel in the token check. The check runs before the handler, so a
 * refused call has no effect; the list of channels comes from the contract, not from the handlers given.
 */
export function guardStaffHandlers(
  auth: StaffTokenCheck,
  handlers: GuardedStaffHandlers,
): { [C in GuardedStaffChannel]: InvokeHandler<C> } {
  const guarded: Partial<Record<GuardedStaffChannel, (request: { token: string }) => unknown>> = {};
  for (const channel of guardedStaffChannels) {
    const handler = handlers[channel] as (request: { token: string }, staff: StaffIdentity) => unknown;
    guarded[channel] = (request) => {
      const staff = auth.check(request.token);
      return handler(request, staff);
    };
  }
  return guarded as { [C in GuardedStaffChannel]: InvokeHandler<C> };
}
