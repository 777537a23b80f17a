import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { companyColorSchema } from '../../../shared/contracts/companies.js';
import { fieldProblemCodes } from '../../../shared/field-problems.js';
import { patterns } from '../../../shared/patterns.js';
import { problemOf } from './field-problems.js';

const problemFor = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`${JSON.stringify(value)} was accepted`);
  return result.error.issues.map((issue) => problemOf(issue as never));
};

describe('pattern problems', () => {
  it('reports each pattern mismatch with the code of its pattern, a known code', () => {
    const misses: Record<keyof typeof patterns, string> = {
      time: '25:00',
      timeUntilMidnight: '24:30',
      day: '5 December',
      colour: 'red',
      slug: '-acme',
      fieldKey: '1st',
      tag: 'a,b',
      singleLine: 'two\nlines',
      sixDigits: '12345',
      clientId: 'a b',
    };
    for (const [name, { regex, code }] of Object.entries(patterns)) {
      expect(fieldProblemCodes).toContain(code);
      expect(problemFor(z.string().regex(regex), misses[name as keyof typeof patterns])).toEqual([{ code }]);
    }
  });

  it('reports a contract field through its pattern: a colour', () => {
    expect(problemFor(companyColorSchema, 'blue')).toEqual([{ code: 'invalid_color' }]);
  });

  it('reports a pattern it does not know as a text not in the expected form', () => {
    expect(problemFor(z.string().regex(/^x+$/), 'y')).toEqual([{ code: 'invalid_format' }]);
  });
});
