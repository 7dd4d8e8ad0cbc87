// Puts every staff channel of the contract but sign-in and its account names behind a live staff token.
import { invokeChannelNames, type InvokeChannel } from '../../common/contract';
import type { InvokeHandler } from '../ipc/dispatcher';
import type { StaffIdentity, StaffUse } from './staff-auth';

/** Every staff channel of the contract. */
export type StaffChannel = Extract<InvokeChannel, `staff.${string}`>;
/** The staff channels served without a token: login, which issues it, and the account names it offers. */
export type OpenStaffChannel = 'staff.login' | 'staff.accounts.names';
/** The staff channels that need a live token: all but the open ones. */
export type GuardedStaffChannel = Exclude<StaffChannel, OpenStaffChannel>;
const openStaffChannels: ReadonlySet<StaffChannel> = new Set<OpenStaffChannel>([
  'staff.login',
  'staff.accounts.names',
]);

const isStaffChannel = (channel: InvokeChannel): channel is StaffChannel => channel.startsWith('staff.');

/** The contract's staff channels, in the contract's order. */
export const staffChannels: readonly StaffChannel[] = invokeChannelNames.filter(isStaffChannel);
/** The contract's staff channels that need a live token. */
export const guardedStaffChannels: readonly GuardedStaffChannel[] = staffChannels.filter(
  (channel): channel is GuardedStaffChannel => !openStaffChannels.has(channel),
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
  check(token: string, use: StaffUse): StaffIdentity;
}

/**
 * Channels that are never a person's action: the console reads the status on a timer and after every push,
 * so it must not keep an unattended console signed in.
 */
export const backgroundStaffChannels: ReadonlySet<GuardedStaffChannel> = new Set(['staff.status']);

/** How a call uses the session: background for a background channel or a request marked `background`. */
export function staffUseOf(channel: GuardedStaffChannel, request: { background?: true }): StaffUse {
  return backgroundStaffChannels.has(channel) || request.background === true ? 'background' : 'action';
}

/**
 * Wraps the handler of every guarded channel in the token check. The check runs before the handler, so a
 * refused call has no effect; the list of channels comes from the contract, not from the handlers given.
 * Only a person's action extends the session (`staffUseOf`).
 */
export function guardStaffHandlers(
  auth: StaffTokenCheck,
  handlers: GuardedStaffHandlers,
): { [C in GuardedStaffChannel]: InvokeHandler<C> } {
  type TokenRequest = { token: string; background?: true };
  const guarded: Partial<Record<GuardedStaffChannel, (request: TokenRequest) => unknown>> = {};
  for (const channel of guardedStaffChannels) {
    const handler = handlers[channel] as (request: TokenRequest, staff: StaffIdentity) => unknown;
    guarded[channel] = (request) => {
      const staff = auth.check(request.token, staffUseOf(channel, request));
      return handler(request, staff);
    };
  }
  return guarded as { [C in GuardedStaffChannel]: InvokeHandler<C> };
}
