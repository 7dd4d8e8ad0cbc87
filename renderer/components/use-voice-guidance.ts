// Speaks a screen's words through speech synthesis, in the patient's language only, and says whether it can.
import { useEffect, useState } from 'react';

/** What speech synthesis offers; `window.speechSynthesis` satisfies it. */
export interface SpeechPort {
  getVoices(): { lang: string }[];
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

const primary = (tag: string): string => tag.toLowerCase().replace(/_/g, '-').split('-')[0] ?? '';

/**
 * The voice to read `languageTag` with: the same tag, else the same language (vi-VN for vi). Without one the
 * kiosk stays silent rather than have another language's voice mispronounce the text.
 */
export function voiceFor<V extends { lang: string }>(
  voices: readonly V[],
  languageTag: string,
): V | undefined {
  const wanted = languageTag.toLowerCase();
  const norm = (lang: string): string => lang.toLowerCase().replace(/_/g, '-');
  return (
    voices.find((v) => norm(v.lang) === wanted) ?? voices.find((v) => primary(v.lang) === primary(wanted))
  );
}

const kana = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * The words as read aloud. Screens in other languages give the Japanese name of a document in brackets,
 * e.g. "(資格確認書)", so the patient can match it to the paper; a voice of that language cannot read it,
 * so it is left out of speech. Chinese keeps brackets in Han characters, which a Chinese voice reads.
 */
export function speakable(text: string, languageTag: string): string {
  const language = primary(languageTag);
  if (language === 'ja') return text;
  const japanese = language === 'zh' ? kana : new RegExp(`${kana.source}|${han.source}`);
  return text
    .replace(/\s*[(（]([^()（）]*)[)）]/g, (whole, inner: string) => (japanese.test(inner) ? '' : whole))
    .replace(/ +([.,。、])/g, '$1');
}

export type VoiceAvailability = 'available' | 'unavailable' | 'unknown';

const speechPort = (): SpeechPort | undefined =>
  typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined;

/**
 * Whether this system has a voice for the language. Browsers fill the voice list late (voiceschanged),
 * so an empty list first reads as unknown and becomes unavailable only once the list has been given.
 */
export function useVoiceAvailability(languageTag: string, port: SpeechPort | undefined = speechPort()) {
  const [voices, setVoices] = useState<{ lang: string }[] | undefined>(() => {
    const now = port?.getVoices() ?? [];
    return now.length > 0 || !port ? now : undefined;
  });
  useEffect(() => {
    if (!port?.addEventListener) return;
    const update = (): void => setVoices(port.getVoices());
    port.addEventListener('voiceschanged', update);
    // Some browsers never fire voiceschanged when they have no voices at all.
    const settle = setTimeout(() => setVoices((v) => v ?? port.getVoices()), VOICE_LIST_WAIT_MS);
    return () => {
      port.removeEventListener?.('voiceschanged', update);
      clearTimeout(settle);
    };
  }, [port]);
  if (voices === undefined) return 'unknown';
  return voiceFor(voices, languageTag) ? 'available' : 'unavailable';
}

/** How long an empty voice list may still be filling before it counts as "no voice". */
export const VOICE_LIST_WAIT_MS = 1_500;

export function useVoiceGuidance(text: string, languageTag: string, enabled: boolean): void {
  // Re-run once the voice list arrives, so the first screen is spoken too.
  const availability = useVoiceAvailability(languageTag);
  useEffect(() => {
    const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    if (!enabled || !synth || !text || availability !== 'available') return;
    if (!voiceFor(synth.getVoices(), languageTag)) return;
    // The language picks the voice: one exists for it, checked above.
    const utterance = new SpeechSynthesisUtterance(speakable(text, languageTag));
    utterance.lang = languageTag;
    utterance.rate = 0.9; // a little slower: many patients are elderly
    synth.cancel();
    synth.speak(utterance);
    return () => synth.cancel();
  }, [text, languageTag, enabled, availability]);
}
