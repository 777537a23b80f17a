import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { companyWordValues, fillCompanyWords } from '../../shared/i18n/company-words.js';

const folder = join(import.meta.dirname, '../../shared/i18n');

/** Every string of the `<feature>.<language>.json` files, by file and key path. */
function strings(language: 'en' | 'fr'): { key: string; text: string; file: string }[] {
  const out: { key: string; text: string; file: string }[] = [];
  const walk = (node: unknown, key: string, file: string) => {
    if (typeof node === 'string') out.push({ key, text: node, file });
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, key ? `${key}.${k}` : k, file);
  };
  for (const file of readdirSync(folder).filter((f) => f === `${language}.json` || f.endsWith(`.${language}.json`)))
    walk(JSON.parse(readFileSync(join(folder, file), 'utf8')), '', file);
  return out;
}

/**
 * Strings that may say the built-in word: what the server writes to people outside the console
 * (e-mails, the customer's portal, where a company is the customer's own), the naming itself, the
 * CSV column `companies`, and a string whose `_custom` variant is the one shown once the account
 * chose its words.
 */
const allowed = [
  /^(alertsMail|usersMail|supportMail|mail|portalCustomer)\./,
  /^reports\.email\./,
  /^companyLabel\./,
  /^settings\.items\.general\.companyLabel\./,
  /^setup\.accountNameHelp$/,
  /^users\.import\./,
  /^home\.cards\.companies$/,
];

describe("the account's word for companies", () => {
  for (const [language, builtIn] of [
    ['en', /compan/i],
    ['fr', /soci[ée]t[ée]|entreprise/i],
  ] as const) {
    it(`is what every console string says, never the built-in word (${language})`, () => {
      const all = strings(language);
      const keys = new Set(all.map((s) => s.key));
      const hardCoded = all.filter(
        ({ key, text }) =>
          builtIn.test(text.replace(/\{\{[^}]*\}\}/g, '')) &&
          !allowed.some((a) => a.test(key)) &&
          !keys.has(`${key}_custom`),
      );
      expect(hardCoded.map(({ file, key, text }) => `${file} ${key}: ${text}`)).toEqual([]);
    });
  }

  it('fills the words in text the server writes, the built-in ones or the account’s', () => {
    const words = companyWordValues(
      { en: { singular: 'Client', plural: 'Clients' }, fr: { singular: 'Client', plural: 'Clients' } },
      'fr',
      {
        singular: 'Société',
        plural: 'Sociétés',
      },
    );
    expect(fillCompanyWords({ a: { b: 'Appareils par {{companyWordLower}} ({{name}})' } }, words)).toEqual({
      a: { b: 'Appareils par client ({{name}})' },
    });
    expect(companyWordValues(null, 'en', { singular: 'Company', plural: 'Companies' }).companiesWordLower).toBe(
      'companies',
    );
  });
});
