// Common layout of every patient screen: a heading, an instruction (spoken when voice is on) and content.
import type { ReactNode } from 'react';
import { languageTags } from '../i18n/catalogs';
import { useI18n } from '../i18n/i18n-context';
import { useVoiceGuidance } from './use-voice-guidance';

export interface ScreenFrameProps {
  name: string;
  heading: string;
  instruction: string;
  voice: boolean;
  /** Extra words spoken after the instruction (e.g. a warning shown on the screen). */
  spokenExtra?: string;
  /** The progress steps shown above the heading. */
  steps?: ReactNode;
  /** The screen is waiting for the core: announced to assistive technology. */
  busy?: boolean;
  /** Extra class on the screen, e.g. for a warning colour. */
  tone?: 'normal' | 'warning' | 'problem';
  children?: ReactNode;
  footer?: ReactNode;
}

export function ScreenFrame({
  name,
  heading,
  instruction,
  voice,
  spokenExtra,
  steps,
  busy = false,
  tone = 'normal',
  children,
  footer,
}: ScreenFrameProps) {
  const { language } = useI18n();
  const spoken = [heading, instruction, spokenExtra].filter(Boolean).join('\n');
  useVoiceGuidance(spoken, languageTags[language], voice);
  return (
    <main
      className={`screen screen-${tone}`}
      data-screen={name}
      aria-labelledby="screen-heading"
      aria-busy={busy || undefined}
    >
      {steps}
      <h1 id="screen-heading" className="screen-heading">
        {heading}
      </h1>
      <p className="screen-instruction" aria-live="polite">
        {instruction}
      </p>
      <div className="screen-body">{children}</div>
      {footer ? <footer className="screen-footer">{footer}</footer> : null}
    </main>
  );
}
