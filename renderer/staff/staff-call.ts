// Calls a staff channel with the signed-in token, and notices when the token is no longer accepted.
import type { InvokeChannel, InvokeRequest, InvokeResponse, KioskApi } from '../../electron/common/contract';
import type { IpcResult } from '../../electron/common/result';

/** Staff channels: every one but login and its account names carries the token. */
export type StaffChannel = Exclude<
  Extract<InvokeChannel, `staff.${string}`>,
  'staff.login' | 'staff.accounts.names'
>;
export type StaffRequest<C extends StaffChannel> = Omit<InvokeRequest<C>, 'token'>;

export type StaffCall = <C extends StaffChannel>(
  channel: C,
  request: StaffRequest<C>,
) => Promise<IpcResult<InvokeResponse<C>>>;

/** `onUnauthorized` gets the core's message, which says why the session ended (idle, lifetime, unknown). */
export function createStaffCall(
  api: KioskApi,
  token: string,
  onUnauthorized: (message: string) => void,
): StaffCall {
  return async (channel, request) => {
    const result = await api.invoke(channel, { ...request, token } as InvokeRequest<typeof channel>);
    if (!result.ok && result.error.code === 'staff.unauthorized') onUnauthorized(result.error.message);
    return result;
  };
}
