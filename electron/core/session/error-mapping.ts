// What a failed check-in step means for the patient: card and gateway errors → error screen reason and code.
import type { ErrorReason } from '../../common/contract';
import { isCardError } from '../../../native/card/card-error';
import { GatewayError } from '../gateway/qualification-gateway';

/**
 * The reason an attempt's signal carries once the attempt is over (error screen, cancel, removal,
 * timeout). Work still running when it aborts throws this, and its result is dropped: it never reaches
 * the screen or the log.
 */
export class AttemptAborted extends Error {
  override readonly name = 'AttemptAborted';
  readonly code = 'session.aborted';
  constructor() {
    super('the check-in attempt is over');
  }
}

export const isAttemptAborted = (error: unknown): error is AttemptAborted => error instanceof AttemptAborted;

/** The card left the reader, or the reader itself went away: the attempt ends as a cancel. */
export function cardGoneCode(error: unknown): 'card.removed' | 'card.reader-gone' | undefined {
  if (isCardError(error) && (error.code === 'card.removed' || error.code === 'card.reader-gone')) {
    return error.code;
  }
  return undefined;
}

export function gatewayReason(error: GatewayError): ErrorReason {
  switch (error.code) {
    case 'gateway.timeout':
      return 'gateway-timeout';
    case 'gateway.not-registered':
      return 'not-registered';
    case 'gateway.certificate-invalid':
    case 'gateway.signature-invalid':
      return 'certificate-invalid';
    default:
      return 'gateway-error';
  }
}

/** The error screen's reason and the logged code for anything a step threw. */
export function mapError(error: unknown): { reason: ErrorReason; code: string } {
  if (isCardError(error)) {
    switch (error.code) {
      case 'card.not-my-number-card':
        return { reason: 'not-my-number-card', code: error.code };
      case 'card.pin-locked':
        return { reason: 'pin-locked', code: error.code };
      case 'card.certificate-invalid':
        return { reason: 'certificate-invalid', code: error.code };
      default:
        return { reason: 'card-unreadable', code: error.code };
    }
  }
  if (error instanceof GatewayError) return { reason: gatewayReason(error), code: error.code };
  return { reason: 'internal', code: 'session.internal' };
}
