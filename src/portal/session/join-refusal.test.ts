import { describe, expect, it } from 'vitest';
import { PortalApiError } from '../api.js';
import { translator } from '../i18n.js';
import { joinRefusal } from './join-refusal.js';

const en = translator('en');
const fr = translator('fr');
const refused = (status: number, code: string, details?: unknown, retryAfter: number | null = null) =>
  new PortalApiError(status, code as never, 'refused', details, retryAfter);

describe('a refused session code', () => {
  it('puts the server’s field problems on their fields, in the portal’s language', () => {
    const error = refused(400, 'validation_failed', [
      { path: 'name', code: 'required', params: {} },
      { path: 'code', code: 'invalid_value', params: {} },
    ]);
    const said = joinRefusal(error, fr, 'fr', 'fr-FR');
    expect(said.failure).toBeNull();
    expect(said.problems.name).toBeTruthy();
    expect(said.problems.code).toBeTruthy();
    expect(said.problems.name).not.toBe(joinRefusal(error, en, 'en', 'en-GB').problems.name);
  });

  it('says an unknown code on the code field, a wait in whole minutes above the form', () => {
    expect(joinRefusal(refused(404, 'not_found'), en, 'en', 'en-GB')).toEqual({
      problems: { code: 'This code is not valid or has expired.' },
      failure: null,
    });
    expect(joinRefusal(refused(429, 'rate_limited', undefined, 61), en, 'en', 'en-GB').failure).toBe(
      'Too many attempts. Try again in 2 minutes.',
    );
    expect(joinRefusal(refused(429, 'rate_limited'), en, 'en', 'en-GB').failure).toBe(
      'Too many attempts. Wait a moment, then try again.',
    );
  });

  it('says a lost connection, and anything else as the server’s problem', () => {
    expect(joinRefusal(refused(0, 'network'), en, 'en', 'en-GB').failure).toBe(
      'The code could not be checked: the connection was lost. Try again.',
    );
    expect(joinRefusal(refused(500, 'internal'), en, 'en', 'en-GB').failure).toBe(
      'The code could not be checked. Try again.',
    );
    expect(joinRefusal(new Error('boom'), en, 'en', 'en-GB').failure).toBe('The code could not be checked. Try again.');
    expect(
      joinRefusal(refused(400, 'validation_failed', [{ path: 'other', code: 'required' }]), en, 'en', 'en-GB'),
    ).toEqual({ problems: {}, failure: 'The code could not be checked. Try again.' });
  });
});
