import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = join(import.meta.dirname);

/** Every string of every `*fr.json` file, with its file and key path. */
function frenchStrings(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (node: unknown, where: string) => {
    // placeholders ({{seats}}) are names for the code, not words
    if (typeof node === 'string') out.push({ where, text: node.replace(/\{\{\s*\w+\s*\}\}/g, '') });
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) walk(value, `${where}.${key}`);
  };
  for (const file of readdirSync(folder).filter((f) => f === 'fr.json' || f.endsWith('.fr.json')))
    walk(JSON.parse(readFileSync(join(folder, file), 'utf8')), file);
  return out;
}

describe('French wording', () => {
  const strings = frenchStrings();

  it('says "licence" (the account has one), never the English "license" nor "licences"', () => {
    const wrong = strings.filter(({ text }) => /\blicen[cs]es\b|\blicense\b/i.test(text));
    expect(wrong).toEqual([]);
  });

  it('calls a seat "siège", never "poste" or "place"', () => {
    const wrong = strings.filter(({ text }) => /\bpostes?\b|\bplaces?\b|\bseats?\b/i.test(text));
    // "à la place de" (instead of) is not a seat
    expect(wrong.filter(({ text }) => !/à la place d/.test(text))).toEqual([]);
  });
});
