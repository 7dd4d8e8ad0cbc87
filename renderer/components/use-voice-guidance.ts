// Speaks a screen's instruction through speech synthesis when the patient has switched voice guidance on.
import { useEffect } from 'react';

export function useVoiceGuidance(text: string, languageTag: string, enabled: boolean): void {
  useEffect(() => {
    const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    if (!enabled || !synth || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = languageTag;
    utterance.rate = 0.9; // a little slower: many patients are elderly
    synth.cancel();
    synth.speak(utterance);
    return () => synth.cancel();
  }, [text, languageTag, enabled]);
}
