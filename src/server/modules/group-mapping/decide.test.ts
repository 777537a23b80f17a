import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';

const a = '00000000-0000-4000-8000-00000000000a';
const b = '00000000-0000-4000-8000-00000000000b';

describe('what groups grant together', () => {
  it('is nothing decided when the account has no rules, and no access when none matches', () => {
    expect(decide(0, [])).toEqual({ mapping: 'off' });
    expect(decide(3, [])).toEqual({ mapping: 'no_match' });
  });

  it('is the highest role and the union of companies', () => {
    expect(
      decide(3, [
        { groupName: 'helpdesk-acme', role: 'technician', allCompanies: false, companyIds: [b] },
        { groupName: 'auditors', role: 'viewer', allCompanies: false, companyIds: [a, b] },
      ]),
    ).toEqual({
      mapping: 'granted',
      role: 'technician',
      allCompanies: false,
      companyIds: [a, b],
      groups: ['auditors', 'helpdesk-acme'],
    });
  });

  it('is every company when one rule says so or one makes an administrator', () => {
    expect(
      decide(2, [
        { groupName: 'it', role: 'viewer', allCompanies: true, companyIds: [] },
        { groupName: 'acme', role: 'technician', allCompanies: false, companyIds: [a] },
      ]),
    ).toMatchObject({ role: 'technician', allCompanies: true, companyIds: [] });
    expect(
      decide(2, [
        { groupName: 'admins', role: 'administrator', allCompanies: false, companyIds: [] },
        { groupName: 'acme', role: 'technician', allCompanies: false, companyIds: [a] },
      ]),
    ).toMatchObject({ role: 'administrator', allCompanies: true, companyIds: [] });
  });
});
