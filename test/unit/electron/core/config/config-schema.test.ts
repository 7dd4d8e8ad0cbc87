// The card settings: take-card staff alert, the resume window of a lifted card, messages readable after the lift.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/load-config';

describe('card settings', () => {
  it('default to a 60 s left-card alert, a 30 s resume window and 15 s readable after the lift', () => {
    const config = parseConfig({});
    expect(config.timeouts.takeCard).toBe(60);
    expect(config.card).toEqual({ resume: 30, afterLift: 15 });
  });

  it('take values within their bounds and name the key of one outside them', () => {
    expect(parseConfig({ card: { resume: 10, afterLift: 120 } }).card).toEqual({
      resume: 10,
      afterLift: 120,
    });
    expect(() => parseConfig({ card: { resume: 9 } })).toThrow(/card\.resume/);
    expect(() => parseConfig({ card: { afterLift: 121 } })).toThrow(/card\.afterLift/);
    expect(() => parseConfig({ card: { resumeSeconds: 30 } })).toThrow(/resumeSeconds|Unrecognized/);
  });
});
