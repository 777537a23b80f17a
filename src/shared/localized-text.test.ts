import { describe, expect, it } from 'vitest';
import { localizedTextSchema, textIn } from './localized-text.js';

describe('localized texts', () => {
  it("shows a language's own text, else the account language's, else nothing", () => {
    const texts = { en: 'Welcome', fr: 'Bienvenue' };
    expect(textIn(texts, 'fr', 'en')).toBe('Bienvenue');
    expect(textIn({ en: 'Welcome', fr: '' }, 'fr', 'en')).toBe('Welcome');
    expect(textIn({ en: '', fr: 'Bienvenue' }, 'en', 'fr')).toBe('Bienvenue');
    expect(textIn({ en: ' ', fr: '' }, 'fr', 'en')).toBeNull();
    expect(textIn(null, 'fr', 'en')).toBeNull();
  });

  it('fills a missing language with an empty text and refuses a long one', () => {
    expect(localizedTextSchema(10).parse({ fr: ' Salut ' })).toEqual({ en: '', fr: 'Salut' });
    expect(localizedTextSchema(3).safeParse({ en: 'long' }).success).toBe(false);
  });
});
