// Calls a staff channel with the signed-in token, and notices when the token is no longer accepted.
import type { InvokeChannel, InvokeRequest, InvokeResponse, KioskApi } from '../../electron/common/contract';
import type { IpcResult } from '../../electron/common/result';

/** Staff channels: every one but login carries the token. */
export type StaffChannel = Exclude<Extract<InvokeChannel, `staff.${string}`>, 'staff.login'>;
export type StaffRequest<C extends StaffChannel> = Omit<InvokeRequest<C>, 'token'>;

export type StaffCall = <C extends StaffChannel>(
  channel: C,
  request: StaffRequest<C>,
) => Promise<IpcResult<InvokeResponse<C>>>;

export function createStaffCall(api: KioskApi, token: string, onUnauthorized: () => void): StaffCall {
  return async (channel, request) => {
    const result = await api.invoke(channel, { ...request, token } as InvokeRequest<typeof channel>);
    if (!result.ok && result.error.code === 'staff.unauthorized') onUnauthorized();
    return result;
  };
}
