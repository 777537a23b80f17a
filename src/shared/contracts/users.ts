import { z } from 'zod';
import { modules } from '../licence.js';
import { limits } from '../limits.js';
import { languages } from '../locales.js';
import { roles } from '../permissions.js';
import { emailSchema, nameSchema, passwordSchema, timestamp } from './common.js';

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  status: z.enum(['invited', 'active', 'disabled']),
  language: z.enum(languages),
  timeZone: z.string(),
  companyAccess: z.union([z.literal('all'), z.array(z.uuid())]),
  createdAt: timestamp,
});
export type User = z.infer<typeof userSchema>;

// --- users & permissions: management of the account's users

/** What the actor may do to one user; the console hides what is false. */
export const userAbilitiesSchema = z.object({
  update: z.boolean(),
  changeRole: z.boolean(),
  changeAccess: z.boolean(),
  manageSeats: z.boolean(),
  disable: z.boolean(),
  enable: z.boolean(),
  delete: z.boolean(),
  resendInvitation: z.boolean(),
  revokeInvitation: z.boolean(),
});
export type UserAbilities = z.infer<typeof userAbilitiesSchema>;

/** A user as account management shows it: seats, pending invitation and the actor's abilities. */
export const managedUserSchema = userSchema.extend({
  seats: z.array(z.enum(modules)),
  invitation: z
    .object({ expiresAt: timestamp, expired: z.boolean() })
    .nullable()
    .describe('The latest live invitation of an invited user'),
  lastActiveAdministrator: z.boolean().describe('The account would have no active administrator without this user'),
  abilities: userAbilitiesSchema,
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const userSorts = ['name', 'email', 'createdAt'] as const;
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the users list and of its CSV export. */
export const userFilterQuery = z.object({
  q: z.string().trim().max(limits.search).optional().describe('Part of the name or e-mail, any case'),
  role: z.enum(roles).optional(),
  status: z.enum(['invited', 'active', 'disabled']).optional(),
  companyId: z.uuid().optional().describe('Users with access to this company'),
  module: z
    .enum(modules)
    .optional()
    .describe('With hasSeat (default true): holders, or non-holders, of a seat of this module'),
  hasSeat: booleanQuery.optional().describe('Without module: users holding any seat (true) or none (false)'),
  sort: z.enum(userSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type UserFilter = z.infer<typeof userFilterQuery>;

export const companyAccessInput = z.union([
  z.literal('all'),
  z.array(z.uuid()).min(1, { message: 'Choose at least one company' }).max(limits.userCompanyIds),
]);

export const inviteUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  role: z.enum(roles),
  companyIds: companyAccessInput.describe(
    '"all", or the companies the user may work in; administrators always have all',
  ),
  language: z.enum(languages).optional().describe("Of the invitation e-mail and the console; default: the inviter's"),
  timeZone: z.string().trim().min(1).max(limits.timeZone).optional(),
});
export type InviteUserBody = z.infer<typeof inviteUserBody>;

/** Several people at once, with the same role and company access. */
export const inviteBatchBody = z.object({
  people: z
    .array(
      z.object({
        email: emailSchema,
        name: nameSchema.optional().describe('Default: the part of the e-mail before @'),
      }),
    )
    .min(1)
    .max(limits.inviteBatch),
  role: z.enum(roles),
  companyIds: companyAccessInput,
  language: z.enum(languages).optional(),
});
export const inviteBatchResponse = z.object({ items: z.array(managedUserSchema) });

export const updateUserBody = z
  .object({
    email: emailSchema,
    name: nameSchema,
    language: z.enum(languages),
    timeZone: z.string().trim().min(1).max(limits.timeZone),
    role: z.enum(roles),
    companyIds: companyAccessInput,
  })
  .partial();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const invitationTokenParams = z.object({ token: z.string().min(1).max(limits.invitationToken) });

export const invitationSchema = z.object({
  email: z.string(),
  name: z.string(),
  accountName: z.string(),
  language: z.enum(languages),
  expiresAt: timestamp,
});
export type Invitation = z.infer<typeof invitationSchema>;

export const acceptInvitationBody = z.object({
  password: passwordSchema,
  name: nameSchema.optional(),
  language: z.enum(languages).optional(),
  timeZone: z.string().trim().min(1).max(limits.timeZone).optional(),
});
export const acceptInvitationResponse = z.object({ user: userSchema, csrfToken: z.string() });

// CSV import
export const csvImportBody = z.object({
  csv: z.string().max(limits.csvImportBytes, { message: `The file is larger than 1 MB` }),
  dryRun: z.boolean(),
});

export const importProblemCodes = [
  'invalid_email',
  'duplicate_in_file',
  'already_user',
  'missing_name',
  'name_too_long',
  'unknown_role',
  'missing_companies',
  'unknown_company',
  'unknown_language',
] as const;
export type ImportProblemCode = (typeof importProblemCodes)[number];

export const importRowSchema = z.object({
  line: z.number().int().describe('Line of the file, the header being line 1'),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  companies: z.string(),
  problems: z.array(
    z.object({
      field: z.string(),
      code: z.enum(importProblemCodes),
      message: z.string(),
      value: z.string().optional(),
    }),
  ),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const csvImportResponse = z.object({
  dryRun: z.boolean(),
  valid: z.boolean().describe('No row has a problem: applying would invite every row'),
  created: z.number().int(),
  rows: z.array(importRowSchema),
});
export type CsvImportReport = z.infer<typeof csvImportResponse>;
// --- end users & permissions
