import { z } from 'zod';
import { roles } from '../permissions.js';
import { idSchema, timestamp } from './common.js';

/** Longest group name a rule may name (Entra ID sends object ids, others names or paths). */
export const groupNameMaxLength = 256;

const groupName = z
  .string()
  .trim()
  .min(1, { message: 'Required' })
  .max(groupNameMaxLength)
  .describe('the group as the identity provider sends it (a name, a path or an id); compared without regard to case');

export const groupRuleSchema = z.object({
  id: z.uuid(),
  groupName: z.string(),
  role: z.enum(roles),
  allCompanies: z.boolean().describe('every company, now and later (always true for administrators)'),
  companies: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('the companies granted, by name'),
  updatedAt: timestamp,
});
export type GroupRule = z.infer<typeof groupRuleSchema>;

export const groupRuleListResponse = z.object({ items: z.array(groupRuleSchema) });

const access = {
  role: z.enum(roles),
  allCompanies: z.boolean().default(false),
  companyIds: z.array(idSchema).max(1000).default([]),
};

export const createGroupRuleBody = z.object({ groupName, ...access }).strict();
export type CreateGroupRule = z.infer<typeof createGroupRuleBody>;

export const updateGroupRuleBody = z
  .object({
    groupName,
    role: access.role,
    allCompanies: z.boolean(),
    companyIds: z.array(idSchema).max(1000),
  })
  .partial()
  .strict();
export type UpdateGroupRule = z.infer<typeof updateGroupRuleBody>;

export const groupPreviewBody = z
  .object({ groups: z.array(z.string().trim().min(1).max(groupNameMaxLength)).max(500) })
  .strict();

/** What a set of groups grants under the account's rules. */
export const groupDecisionSchema = z.discriminatedUnion('mapping', [
  z.object({ mapping: z.literal('off').describe('the account has no rules: groups decide nothing') }),
  z.object({ mapping: z.literal('no_match').describe('no rule names any of these groups: no access') }),
  z.object({
    mapping: z.literal('granted'),
    role: z.enum(roles).describe('the highest role of the matching rules'),
    allCompanies: z.boolean(),
    companyIds: z.array(z.uuid()).describe('the union of the matching rules’ companies'),
    groups: z.array(z.string()).describe('the rules that matched, by group'),
  }),
]);
export type GroupDecision = z.infer<typeof groupDecisionSchema>;
