// Voice guidance: a voice only in the patient's language, the toggle honest when there is none, speech without Japanese glosses.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { languages, type Language } from '../../../../electron/common/contract';
import { VoiceToggle } from '../../../../renderer/components/VoiceToggle';
import { speakable, voiceFor, type SpeechPort } from '../../../../renderer/components/use-voice-guidance';
import { catalogs, languageTags, translator } from '../../../../renderer/i18n/catalogs';
import { I18nContext } from '../../../../renderer/i18n/i18n-context';

const kana = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

const speech = (...langs: string[]): SpeechPort => ({ getVoices: () => langs.map((lang) => ({ lang })) });

function toggle(language: Language, port: SpeechPort, on: boolean): string {
  return renderToStaticMarkup(
    <I18nContext.Provider value={{ language, t: translator(language) }}>
      <VoiceToggle on={on} onToggle={() => undefined} speech={port} />
    </I18nContext.Provider>,
  );
}

describe('voice for a language', () => {
  it('takes the same tag first, then the same language, never another language', () => {
    const voices = [{ lang: 'en-GB' }, { lang: 'ja-JP' }, { lang: 'vi_VN' }, { lang: 'en-US' }];
    expect(voiceFor(voices, 'en-US')).toEqual({ lang: 'en-US' });
    expect(voiceFor(voices, 'vi-VN')).toEqual({ lang: 'vi_VN' });
    expect(voiceFor([{ lang: 'en-GB' }], 'en-US')).toEqual({ lang: 'en-GB' });
    expect(voiceFor(voices, 'ko-KR')).toBeUndefined();
  });
});

describe('the voice toggle', () => {
  it('says there is no voice for the language instead of "オン" when the system has none', () => {
    const html = toggle('vi', speech('ja-JP', 'en-US'), true);
    expect(html).toContain(translator('vi')('idle.voiceUnavailable'));
    expect(html).not.toContain(translator('vi')('common.on'));
    expect(html).toContain('aria-pressed="false"');
    expect(html).toContain('data-voice="unavailable"');
  });

  it('says オン and オフ where a voice exists', () => {
    const on = toggle('ja', speech('ja-JP'), true);
    expect(on).toContain('音声案内: オン');
    expect(on).toContain('aria-pressed="true"');
    expect(toggle('ja', speech('ja-JP'), false)).toContain('音声案内: オフ');
  });
});

describe('speech text', () => {
  it('leaves the Japanese name in brackets out of speech in another language', () => {
    const vi = translator('vi')('idle.instruction');
    expect(vi).toContain('マイナ保険証');
    expect(speakable(vi, languageTags.vi)).toBe('Vui lòng đặt thẻ bảo hiểm My Number lên đầu đọc thẻ.');
    expect(speakable('受付（資格確認書）へ', languageTags.ja)).toBe('受付（資格確認書）へ');
    // Brackets in the language itself stay.
    expect(speakable('Show it (if you have one).', languageTags.en)).toBe('Show it (if you have one).');
  });

  it.each(languages.filter((l) => l !== 'ja'))(
    '%s: no message is read aloud with Japanese in it',
    (language) => {
      for (const [key, text] of Object.entries(catalogs[language])) {
        const spoken = speakable(text, languageTags[language]);
        expect(spoken, key).not.toMatch(kana);
        // Chinese is written in Han characters; every other language must have none left.
        if (language !== 'zh-Hans') expect(spoken, key).not.toMatch(han);
      }
    },
  );
});
