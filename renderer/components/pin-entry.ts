// The PIN pad's input rules, free of the DOM: which key does what, and how the entered digits change.

/** A My Number card's user-authentication PIN is 4 digits (my-number-card.md §4). */
export const pinLength = 4;

export type PinAction =
  { type: 'digit'; digit: string } | { type: 'backspace' } | { type: 'clear' } | { type: 'submit' };

/** The parts of a keyboard event the PIN pad reads; matches `KeyboardEvent`. */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * Maps a hardware key to a PIN action: digits on the main row or a number pad (NumLock on or off,
 * where the number pad reports `Numpad0`… as its code), Backspace/Delete, Enter/NumpadEnter, Escape.
 */
export function keyToPinAction(event: KeyLike): PinAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
  if (/^[0-9]$/.test(event.key)) return { type: 'digit', digit: event.key };
  const numpad = /^Numpad([0-9])$/.exec(event.code ?? '');
  if (numpad?.[1] !== undefined) return { type: 'digit', digit: numpad[1] };
  switch (event.key) {
    case 'Backspace':
    case 'Delete':
      return { type: 'backspace' };
    case 'Escape':
    case 'Clear':
      return { type: 'clear' };
    case 'Enter':
      return { type: 'submit' };
    default:
      return event.code === 'NumpadEnter' ? { type: 'submit' } : undefined;
  }
}

/** Applies an action to the entered digits. `submit` does not change them; the caller sends a full PIN. */
export function applyPinAction(entered: string, action: PinAction, length = pinLength): string {
  switch (action.type) {
    case 'digit':
      return entered.length >= length ? entered : entered + action.digit;
    case 'backspace':
      return entered.slice(0, -1);
    case 'clear':
      return '';
    case 'submit':
      return entered;
  }
}

export const isPinComplete = (entered: string, length = pinLength): boolean =>
  entered.length === length && /^[0-9]+$/.test(entered);
