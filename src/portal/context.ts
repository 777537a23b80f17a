import { createContext, useContext } from 'react';
import type { Language } from '../shared/locales.js';
import { localeOf, translator, type Translate } from './i18n.js';

export interface PortalText {
  language: Language;
  locale: string;
  t: Translate;
}

export function portalText(language: Language): PortalText {
  return { language, locale: localeOf(language), t: translator(language) };
}

export const TextContext = createContext<PortalText>(portalText('en'));

/** The portal's language, its strings and its locale for dates. */
export function useText(): PortalText {
  return useContext(TextContext);
}
