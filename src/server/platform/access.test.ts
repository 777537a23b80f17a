import { describe, expect, it } from 'vitest';
import { canSee, requireScoped } from './access.js';
import type { Actor } from './authz.js';

const viewer: Actor = {
  userId: 'u',
  accountId: 'a',
  name: 'V',
  email: 'v@example.test',
  role: 'viewer',
  allCompanies: false,
  companyIds: ['c1'],
  via: 'session',
  tokenId: null,
};
const admin: Actor = { ...viewer, role: 'administrator', allCompanies: true, companyIds: [] };
const status = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (error) {
    return (error as { statusCode: number }).statusCode;
  }
};

describe('requireScoped', () => {
  it('answers 404 for a row the actor cannot see, whatever the permission; 403 only about a visible one', () => {
    const own = { accountId: 'a', companyId: 'c1' };
    expect(status(() => requireScoped(viewer, own, 'devices.revoke'))).toBe(403);
    expect(status(() => requireScoped(viewer, { accountId: 'a', companyId: 'c2' }, 'devices.revoke'))).toBe(404);
    expect(status(() => requireScoped(viewer, { accountId: 'b', companyId: 'c1' }, 'devices.revoke'))).toBe(404);
    expect(status(() => requireScoped(viewer, null, 'devices.revoke'))).toBe(404);
    expect(requireScoped(viewer, own)).toBe(own);
    expect(status(() => requireScoped(admin, { accountId: 'a', companyId: 'c9' }, 'devices.revoke'))).toBe(200);
    expect(status(() => requireScoped(admin, { accountId: 'b', companyId: 'c9' }, 'devices.revoke'))).toBe(404);
  });

  it('canSee: the actor’s account and companies only', () => {
    expect(canSee(viewer, { accountId: 'a', companyId: 'c1' })).toBe(true);
    expect(canSee(viewer, { accountId: 'a', companyId: 'c2' })).toBe(false);
    expect(canSee(admin, { accountId: 'b', companyId: 'c1' })).toBe(false);
    expect(canSee(admin, undefined)).toBe(false);
  });
});
