import { describe, expect, it } from 'vitest';
import { fieldProblemText } from './field-problems.js';

describe("the portal's field problems", () => {
  it('are the code translated in the portal language, params localised, never the English message', () => {
    expect(fieldProblemText({ code: 'required' }, 'fr', 'fr-FR')).toBe('Ce champ est obligatoire.');
    expect(fieldProblemText({ code: 'too_long', params: { max: 2000 } }, 'en', 'en-GB')).toBe(
      'Use at most 2,000 characters.',
    );
    expect(fieldProblemText({ code: 'invalid_choice', params: { options: ['Mac', 'PC'] } }, 'fr', 'fr-FR')).toBe(
      'Choisissez parmi : Mac ou PC.',
    );
  });

  it('read a code they do not know as "not valid"', () => {
    const unknown = { code: 'from_a_newer_server' } as unknown as { code: 'required' };
    expect(fieldProblemText(unknown, 'en', 'en-GB')).toBe('This value is not valid.');
  });
});
