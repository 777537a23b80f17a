import { z } from 'zod';
import { limits } from '../limits.js';
import { languages } from '../locales.js';
import { permissions } from '../permissions.js';
import { accountSchema } from './accounts.js';
import { nameSchema, passwordSchema } from './common.js';
import { userSchema } from './users.js';

export const abilitiesSchema = z.record(z.enum(permissions), z.boolean());

export const meResponse = z.object({
  user: userSchema,
  account: accountSchema,
  abilities: abilitiesSchema,
  csrfToken: z.string().nullable().describe('Present when signed in with a session cookie'),
  authenticatedBy: z.enum(['session', 'apiToken']),
  mustEnrolTwoFactor: z
    .boolean()
    .describe('security.requireTwoFactor applies and no second factor is set up: nothing else is allowed until it is'),
});
export type Me = z.infer<typeof meResponse>;

export const updateMeBody = z
  .object({
    name: nameSchema,
    language: z.enum(languages),
    timeZone: z.string().trim().min(1).max(limits.timeZone),
  })
  .partial();

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(limits.passwordMax),
  newPassword: passwordSchema,
});
