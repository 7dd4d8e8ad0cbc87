// The kiosk's button: a large touch target (≥ 64 px), high contrast, with a visible focus ring.
import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger' | 'choice';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Fills the row it sits in; used for the main action of a screen. */
  wide?: boolean;
}

export function Button({ variant = 'secondary', wide = false, className, type, ...rest }: ButtonProps) {
  const classes = ['button', `button-${variant}`, wide ? 'button-wide' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <button type={type ?? 'button'} className={classes} {...rest} />;
}
