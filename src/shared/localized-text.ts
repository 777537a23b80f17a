/**
 * A text a person writes once per language (a portal's welcome text, its offline notice). Each
 * language's text may be empty: then the text in the account's language stands in for it.
 */
import { z } from 'zod';
import { languages, type Language } from './locales.js';

export type LocalizedText = Record<Language, string>;

/** `{en, fr}`, each trimmed, at most `max` characters, empty allowed (a missing language is empty). */
export const localizedTextSchema = (max: number) =>
  z.object(
    Object.fromEntries(languages.map((l) => [l, z.string().trim().max(max).default('')])) as Record<
      Language,
      z.ZodDefault<z.ZodString>
    >,
  );

/** A stored value, whatever its age, as `{en, fr}` (a language it lacks is empty). */
export function asLocalizedText(value: unknown): LocalizedText {
  const stored = value && typeof value === 'object' ? (value as Partial<Record<string, unknown>>) : {};
  return Object.fromEntries(languages.map((l) => [l, typeof stored[l] === 'string' ? stored[l] : ''])) as LocalizedText;
}

/**
 * The text to show in `language`: its own, else the one in `fallback` (the account's language),
 * else null (nothing written in either).
 */
export function textIn(texts: unknown, language: Language, fallback: Language): string | null {
  const all = asLocalizedText(texts);
  return all[language].trim() || all[fallback].trim() || null;
}
