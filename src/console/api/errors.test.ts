import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { fieldProblemCodes } from '../../shared/field-problems.js';
import { translations } from '../../shared/i18n/index.js';
import { ApiError } from './client.js';
import { applyFieldErrors, fieldProblemText } from './errors.js';

const t = ((key: string) => key) as unknown as TFunction;

function formWith(values: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  return {
    errors,
    form: {
      getValues: () => values,
      setFieldError: ((path: string, error: string) => (errors[path] = error)) as never,
    },
  };
}

async function translator(language: 'en' | 'fr'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: { en: { translation: translations.en }, fr: { translation: translations.fr } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe('applyFieldErrors', () => {
  it('puts each problem on its field, under the form field named for an API field, and returns the rest', () => {
    const { errors, form } = formWith({ name: '', recipients: [] });
    const error = new ApiError(400, 'validation_failed', 'Invalid', [
      { path: 'name', code: 'too_long', params: { max: 120 }, message: 'Too long' },
      { path: 'recipientContactIds.1', code: 'not_found', message: 'This contact does not exist.' },
      { path: 'timeZone', code: 'unknown_time_zone', message: 'Unknown time zone' },
    ]);
    const unmatched = applyFieldErrors(form, error, t, 'en', { recipientContactIds: 'recipients' });
    expect(errors).toEqual({ name: 'validation.too_long', recipients: 'validation.not_found' });
    expect(unmatched).toEqual(['timeZone: validation.unknown_time_zone']);
  });

  it('is not for other errors', () => {
    const { form } = formWith({ name: '' });
    expect(applyFieldErrors(form, new ApiError(409, 'conflict', 'Taken'), t, 'en')).toBeNull();
  });
});

describe('fieldProblemText', () => {
  it('translates the code, never the English message, with its params localised', async () => {
    const en = await translator('en');
    const fr = await translator('fr');
    const tooLong = { code: 'too_long', params: { max: 1200 } } as const;
    expect(fieldProblemText(en, tooLong, 'en')).toBe('Use at most 1,200 characters.');
    expect(fieldProblemText(fr, tooLong, 'fr')).toMatch(/^Utilisez au plus 1\s200 caractères\.$/u);
    const choice = { code: 'invalid_choice' as const, params: { options: ['en', 'fr'] } };
    expect(fieldProblemText(en, choice, 'en')).toBe('Choose one of: en or fr.');
    expect(fieldProblemText(fr, choice, 'fr')).toBe('Choisissez parmi : en ou fr.');
    expect(fieldProblemText(fr, { code: 'guessable_password' }, 'fr')).toMatch(/^Ce mot de passe est trop facile/);
  });

  it('reads a code it does not know as a generic "not valid" in every language', async () => {
    const fr = await translator('fr');
    const unknown = { code: 'from_a_newer_server' } as unknown as { code: 'required' };
    expect(fieldProblemText(fr, unknown, 'fr')).toBe('Cette valeur n’est pas valide.');
  });

  it('has a text for every code of the closed set, in English and in French', () => {
    const missing: string[] = [];
    for (const language of ['en', 'fr'] as const) {
      const texts = translations[language].validation as Record<string, string>;
      for (const code of fieldProblemCodes) if (!texts[code]?.trim()) missing.push(`${language}: ${code}`);
    }
    expect(missing).toEqual([]);
    expect(fieldProblemCodes.length).toBeGreaterThan(40);
  });
});
