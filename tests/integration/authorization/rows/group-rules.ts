import { randomBytes } from 'node:crypto';
import { groupRules } from '../../../../src/server/modules/group-mapping/tables.js';
import { adminOnly, missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf } from './portals.js';

const groupName = () => `matrix-${randomBytes(4).toString('hex')}`;

/** A rule of the target's account (or a missing id), made directly. */
async function ruleFor({ db, world, target }: CaseContext): Promise<string> {
  if (target === 'missing') return missingId;
  const [row] = await db
    .insert(groupRules)
    .values({
      accountId: target === 'otherAccount' ? world.accountB.id : world.accountA.id,
      groupName: groupName(),
      role: 'viewer',
      allCompanies: true,
    })
    .returning({ id: groupRules.id });
  return row!.id;
}

/** Rules belong to the account: its administrators change them; another account's answers 404. */
const accountTargets: Target[] = ['own', 'otherAccount', 'missing'];
const accountObject = (status: number) => ({
  ...adminOnly(status),
  administrator: { own: status, otherAccount: 404, missing: 404 },
});

/** The rules from groups to access. */
export const groupRuleRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/group-rules',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/group-rules' }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/group-rules',
    targets: objectTargets,
    request: ({ world, target }) => ({
      method: 'POST',
      url: '/api/v1/group-rules',
      payload: { groupName: groupName(), role: 'technician', companyIds: [companyOf(world, target)] },
    }),
    // a company of another account, or none, is a field problem of the rule's companies
    expect: { ...adminOnly(201), administrator: { own: 201, otherCompany: 201, otherAccount: 400, missing: 400 } },
  },
  {
    route: 'POST /api/v1/group-rules/preview',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/group-rules/preview', payload: { groups: ['matrix'] } }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/v1/group-rules/:id',
    targets: accountTargets,
    request: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/group-rules/${await ruleFor(ctx)}`,
      payload: { role: 'technician' },
    }),
    expect: accountObject(200),
  },
  {
    route: 'DELETE /api/v1/group-rules/:id',
    targets: accountTargets,
    request: async (ctx) => ({ method: 'DELETE', url: `/api/v1/group-rules/${await ruleFor(ctx)}` }),
    expect: accountObject(204),
  },
];
