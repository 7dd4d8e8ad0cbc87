// The PIN pad's key mapping and input rules, including a hardware number pad.
import { describe, expect, it } from 'vitest';
import {
  applyPinAction,
  isPinComplete,
  keyToPinAction,
  pinLength,
} from '../../../../renderer/components/pin-entry';

describe('keyToPinAction', () => {
  it('maps main-row digits and number-pad digits', () => {
    expect(keyToPinAction({ key: '7', code: 'Digit7' })).toEqual({ type: 'digit', digit: '7' });
    expect(keyToPinAction({ key: '0', code: 'Numpad0' })).toEqual({ type: 'digit', digit: '0' });
    // NumLock off: the number pad reports navigation keys, but its code still names the digit.
    expect(keyToPinAction({ key: 'End', code: 'Numpad1' })).toEqual({ type: 'digit', digit: '1' });
  });

  it('maps Backspace/Delete, Escape and Enter/NumpadEnter', () => {
    expect(keyToPinAction({ key: 'Backspace' })).toEqual({ type: 'backspace' });
    expect(keyToPinAction({ key: 'Delete', code: 'NumpadDecimal' })).toEqual({ type: 'backspace' });
    expect(keyToPinAction({ key: 'Escape' })).toEqual({ type: 'clear' });
    expect(keyToPinAction({ key: 'Enter', code: 'Enter' })).toEqual({ type: 'submit' });
    expect(keyToPinAction({ key: 'Enter', code: 'NumpadEnter' })).toEqual({ type: 'submit' });
  });

  it('ignores letters, other keys and shortcuts', () => {
    expect(keyToPinAction({ key: 'a', code: 'KeyA' })).toBeUndefined();
    expect(keyToPinAction({ key: 'Tab', code: 'Tab' })).toBeUndefined();
    expect(keyToPinAction({ key: '+', code: 'NumpadAdd' })).toBeUndefined();
    expect(keyToPinAction({ key: '1', code: 'Digit1', ctrlKey: true })).toBeUndefined();
    expect(keyToPinAction({ key: '١' })).toBeUndefined();
  });
});

describe('applyPinAction', () => {
  it('appends digits up to the PIN length and no further', () => {
    let pin = '';
    for (const digit of ['1', '2', '3', '4', '5']) pin = applyPinAction(pin, { type: 'digit', digit });
    expect(pin).toBe('1234');
    expect(pin).toHaveLength(pinLength);
  });

  it('removes the last digit, clears, and leaves the digits alone on submit', () => {
    expect(applyPinAction('123', { type: 'backspace' })).toBe('12');
    expect(applyPinAction('', { type: 'backspace' })).toBe('');
    expect(applyPinAction('123', { type: 'clear' })).toBe('');
    expect(applyPinAction('1234', { type: 'submit' })).toBe('1234');
  });

  it('is complete only with exactly four digits', () => {
    expect(isPinComplete('1234')).toBe(true);
    expect(isPinComplete('123')).toBe(false);
    expect(isPinComplete('12a4')).toBe(false);
  });
});
