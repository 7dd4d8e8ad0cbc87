// The GatewayError a gateway call ends with, for tests that check its code and message.
import { expect } from 'vitest';
import { GatewayError } from '../../../../../../electron/core/gateway/qualification-gateway';

const expectGatewayError = (error: unknown): GatewayError => {
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
};

/** The GatewayError `fn` throws; fails the test when it throws nothing or something else. */
export function rejection(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    return expectGatewayError(error);
  }
  throw new Error('expected a GatewayError');
}

/** The GatewayError `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function asyncRejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    return expectGatewayError(error);
  }
  throw new Error('expected a GatewayError');
}
