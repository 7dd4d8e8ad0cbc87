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
  children?: ReactNode;
  footer?: ReactNode;
}

export function ScreenFrame({ name, heading, instruction, voice, children, footer }: ScreenFrameProps) {
  const { language } = useI18n();
  useVoiceGuidance(`${heading}。${instruction}`, languageTags[language], voice);
  return (
    <main className="screen" data-screen={name} aria-labelledby="screen-heading">
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
