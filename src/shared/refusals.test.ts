import { describe, expect, it } from 'vitest';
import { refusalOf, refusalReasons } from './refusals.js';

describe('refusal reasons', () => {
  it('reads the refusal of an error’s details when its reason is one of the closed set', () => {
    expect(refusalOf({ reason: 'seat_required', module: 'remoteSupport' })).toEqual({
      reason: 'seat_required',
      module: 'remoteSupport',
    });
    expect(refusalOf({ reason: 'last_administrator' })?.reason).toBe('last_administrator');
  });

  it('is null for field problems, no details, or a reason it does not know', () => {
    expect(refusalOf([{ path: 'name', code: 'required', message: 'Required' }])).toBeNull();
    expect(refusalOf(undefined)).toBeNull();
    expect(refusalOf({ reason: 'from_a_newer_server' })).toBeNull();
    expect(new Set(refusalReasons).size).toBe(refusalReasons.length);
  });
});
