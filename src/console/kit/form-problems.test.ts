import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { formProblems } from './form-problems.js';

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

describe('formProblems', () => {
  it('puts field problems on their fields (through formFieldOf) and returns only the unmatched ones', () => {
    const { errors, form } = formWith({ name: '', recipients: [] });
    const error = new ApiError(400, 'validation_failed', 'Invalid', [
      { path: 'name', message: 'Required' },
      { path: 'recipientContactIds.0', message: 'Unknown contact' },
      { path: 'timeZone', message: 'Nope' },
    ]);
    const problems = formProblems(form, error, t, 'en', 'en', { formFieldOf: { recipientContactIds: 'recipients' } });
    // the texts are applyFieldErrors' translations; what matters here is where each problem goes
    expect(Object.keys(errors).sort()).toEqual(['name', 'recipients']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^timeZone: /);
  });

  it('puts a problem of a list item on the item’s own field, and one of a plain list on the list', () => {
    const { errors, form } = formWith({
      methods: [
        { type: 'email', value: 'a@example.test' },
        { type: 'sms', value: '12' },
      ],
      companyIds: ['a', 'b'],
      quietHours: null,
    });
    const error = new ApiError(400, 'validation_failed', 'Invalid', [
      { path: 'methods.1.value', code: 'invalid_phone', message: 'Not a number' },
      { path: 'companyIds.1', code: 'not_found', message: 'Unknown company' },
      { path: 'quietHours.start', code: 'invalid_time', message: 'Not a time' },
      { path: 'methods.5.value', code: 'required', message: 'Missing' },
    ]);
    expect(formProblems(form, error, t, 'en', 'en')).toEqual([]);
    expect(Object.keys(errors).sort()).toEqual(['companyIds', 'methods', 'methods.1.value', 'quietHours']);
  });

  it('puts a problem of a nested API path on the form field named for that whole path', () => {
    const { errors, form } = formWith({ quiet: true, quietStart: '22:00', quietEnd: '22:00' });
    const error = new ApiError(400, 'validation_failed', 'Invalid', [
      { path: 'quietHours.end', code: 'duplicate', message: 'Start and end must differ' },
      { path: 'quietHours.start', code: 'invalid_time', message: 'Not a time' },
    ]);
    const formFieldOf = { 'quietHours.start': 'quietStart', 'quietHours.end': 'quietEnd' };
    expect(formProblems(form, error, t, 'en', 'en', { formFieldOf })).toEqual([]);
    expect(Object.keys(errors).sort()).toEqual(['quietEnd', 'quietStart']);
  });

  it('returns nothing to show above the form when every problem found its field', () => {
    const { form } = formWith({ name: '' });
    const error = new ApiError(400, 'validation_failed', 'Invalid', [{ path: 'name', message: 'Required' }]);
    expect(formProblems(form, error, t, 'en', 'en')).toEqual([]);
  });

  it('shows any other error as one text, the translated code unless the form says otherwise', () => {
    const { errors, form } = formWith({ name: '' });
    const conflict = new ApiError(409, 'conflict', 'Taken');
    expect(formProblems(form, conflict, t, 'en', 'en')).toEqual(['errors.conflict']);
    expect(formProblems(form, new Error('boom'), t, 'en', 'en')).toEqual(['errors.unexpected']);
    expect(formProblems(form, conflict, t, 'en', 'en', { errorMessage: () => 'Seat refused' })).toEqual([
      'Seat refused',
    ]);
    expect(errors).toEqual({});
  });
});
