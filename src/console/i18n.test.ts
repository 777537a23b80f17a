import { describe, expect, it } from 'vitest';
import { translations } from '../shared/i18n/index.js';

const { en, fr } = translations;
import { errorCodes } from '../shared/errors.js';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a translation tree as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object'
      ? leaves(value as Tree, path)
      : [[path, value] as [string, unknown]];
  });
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

function tags(text: string): string[] {
  return [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((m) => m[0]).sort();
}

const catalogues = { en: en as Tree, fr: fr as Tree };

describe('translations', () => {
  const enLeaves = new Map(leaves(catalogues.en));
  const frLeaves = new Map(leaves(catalogues.fr));

  it('en and fr have exactly the same keys', () => {
    const onlyEn = [...enLeaves.keys()].filter((k) => !frLeaves.has(k));
    const onlyFr = [...frLeaves.keys()].filter((k) => !enLeaves.has(k));
    expect({ onlyEn, onlyFr }).toEqual({ onlyEn: [], onlyFr: [] });
  });

  for (const [language, tree] of Object.entries(catalogues)) {
    it(`${language}: every value is a non-empty string`, () => {
      const bad = leaves(tree).filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect(bad.map(([key]) => key)).toEqual([]);
    });
  }

  it('en and fr use the same placeholders and markup in each string', () => {
    const mismatches: string[] = [];
    for (const [key, enValue] of enLeaves) {
      const frValue = frLeaves.get(key);
      if (typeof enValue !== 'string' || typeof frValue !== 'string') continue;
      if (placeholders(enValue).join() !== placeholders(frValue).join()) mismatches.push(`${key}: placeholders`);
      if (tags(enValue).join() !== tags(frValue).join()) mismatches.push(`${key}: markup`);
    }
    expect(mismatches).toEqual([]);
  });

  it('every server error code has a message', () => {
    const missing = errorCodes.filter((code) => !enLeaves.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});
