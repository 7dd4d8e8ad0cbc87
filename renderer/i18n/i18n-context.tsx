// React context giving screens the translator for the session's current language.
import { createContext, useContext } from 'react';
import type { Language } from '../../electron/common/contract';
import { translator, type Translate } from './catalogs';

export interface I18n {
  language: Language;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ language: 'ja', t: translator('ja') });

export const useI18n = (): I18n => useContext(I18nContext);
