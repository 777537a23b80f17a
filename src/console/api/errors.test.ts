import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from './client.js';
import { applyFieldErrors } from './errors.js';

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

describe('applyFieldErrors', () => {
  it('puts each problem on its field, under the form field named for an API field, and returns the rest', () => {
    const { errors, form } = formWith({ name: '', recipients: [] });
    const error = new ApiError(400, 'validation_failed', 'Invalid', [
      { path: 'name', message: 'Too long' },
      { path: 'recipientContactIds.1', message: 'This contact does not exist.' },
      { path: 'timeZone', message: 'Nope' },
    ]);
    const unmatched = applyFieldErrors(form, error, t, 'en', { recipientContactIds: 'recipients' });
    expect(errors).toEqual({ name: 'Too long', recipients: 'This contact does not exist.' });
    expect(unmatched).toEqual(['timeZone: Nope']);
  });

  it('is not for other errors', () => {
    const { form } = formWith({ name: '' });
    expect(applyFieldErrors(form, new ApiError(409, 'conflict', 'Taken'), t, 'en')).toBeNull();
  });
});
