import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

const i18nDir = path.resolve(import.meta.dirname, '../../../src/shared/i18n');

/**
 * A console text in a language, read from the translation files the console ships (`file` is
 * `en`/`fr` for the shared file, else the feature's, e.g. `contacts`), `{{name}}` interpolated.
 */
export function tr(language: 'en' | 'fr', file: string, key: string, values: Record<string, string | number> = {}) {
  const name = file === '' ? `${language}.json` : `${file}.${language}.json`;
  const tree = JSON.parse(readFileSync(path.join(i18nDir, name), 'utf8')) as Record<string, unknown>;
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
  if (typeof text !== 'string') throw new Error(`no text ${key} in ${name}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? `{{${k}}}`));
}

/** The user's language, saved on their profile (as the language menu does), the page reloaded in it. */
export async function useLanguage(page: Page, language: 'en' | 'fr') {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.patch('/api/v1/me', { data: { language }, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBe(200);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/**
 * The field is marked invalid and one of the elements its `aria-describedby` names (Mantine's error
 * element, `<id>-error`) says `text`: the message is next to the field, announced with it.
 */
export async function expectFieldError(field: Locator, text: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect
    .poll(async () => {
      const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
      return Promise.all(ids.map(async (id) => (await field.page().locator(`[id="${id}"]`).textContent())?.trim()));
    })
    .toContain(text);
}

/** A number as the console writes it in this language ("3,650" / "3 650"). */
export const numberIn = (language: 'en' | 'fr', value: number) => new Intl.NumberFormat(language).format(value);

/** A field problem's text (src/shared/i18n/validation.*.json) in this language. */
export const problemText = (language: 'en' | 'fr', code: string, values?: Record<string, string | number>) =>
  tr(language, 'validation', `validation.${code}`, values);

/** A field's accessible name: its label, with or without the asterisk of a required field. */
export const fieldName = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`);
