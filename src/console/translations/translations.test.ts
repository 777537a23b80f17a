import { describe, expect, it } from 'vitest';
import { translations } from '../../shared/i18n/index.js';
import { languages } from '../../shared/locales.js';
import { languagePart, loadCatalogue } from './index.js';

describe("the console's per-language catalogues", () => {
  for (const language of languages) {
    it(`${language}: its chunk holds exactly what src/shared/i18n/index.ts merges for it`, async () => {
      expect(await loadCatalogue(language)).toEqual(translations[language]);
    });

    it(`${language}: its own name is there before its catalogue is loaded`, () => {
      expect(languagePart(language)).toEqual(translations[language].language);
    });
  }
});
