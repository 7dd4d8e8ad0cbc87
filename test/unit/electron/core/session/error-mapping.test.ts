// Error mapping: card and gateway errors to the error screen's reason and the logged code.
import { describe, expect, it } from 'vitest';
import { CardError } from '../../../../../native/card/card-error';
import { GatewayError } from '../../../../../electron/core/gateway/qualification-gateway';
import {
  AttemptAborted,
  cardGoneCode,
  isAttemptAborted,
  mapError,
} from '../../../../../electron/core/session/error-mapping';

describe('error mapping', () => {
  it('maps card errors by code, anything else unreadable', () => {
    expect(mapError(new CardError('card.not-my-number-card', 'x'))).toEqual({
      reason: 'not-my-number-card',
      code: 'card.not-my-number-card',
    });
    expect(mapError(new CardError('card.pin-locked', 'x')).reason).toBe('pin-locked');
    expect(mapError(new CardError('card.certificate-invalid', 'x')).reason).toBe('certificate-invalid');
    expect(mapError(new CardError('card.security-status', 'x'))).toEqual({
      reason: 'card-unreadable',
      code: 'card.security-status',
    });
  });

  it('maps gateway errors; unknown errors are internal', () => {
    expect(mapError(new GatewayError('gateway.timeout', 'x')).reason).toBe('gateway-timeout');
    expect(mapError(new GatewayError('gateway.not-registered', 'x')).reason).toBe('not-registered');
    expect(mapError(new GatewayError('gateway.signature-invalid', 'x')).reason).toBe('certificate-invalid');
    expect(mapError(new GatewayError('gateway.rejected', 'x')).reason).toBe('gateway-error');
    expect(mapError(new Error('boom'))).toEqual({ reason: 'internal', code: 'session.internal' });
  });

  it('tells a lifted card and an aborted attempt apart from failures', () => {
    expect(cardGoneCode(new CardError('card.removed', 'x'))).toBe('card.removed');
    expect(cardGoneCode(new CardError('card.reader-gone', 'x'))).toBe('card.reader-gone');
    expect(cardGoneCode(new CardError('card.pin-wrong', 'x'))).toBeUndefined();
    expect(isAttemptAborted(new AttemptAborted())).toBe(true);
    expect(new AttemptAborted().code).toBe('session.aborted');
  });
});
