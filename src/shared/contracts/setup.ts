import { z } from 'zod';
import { limits } from '../limits.js';
import { emailSchema, nameSchema, passwordSchema } from './common.js';

export const setupStatusResponse = z.object({ required: z.boolean() });

export const setupBody = z.object({
  token: z.string().trim().min(1, { message: 'Required' }).max(limits.setupToken),
  accountName: z.string().trim().min(1, { message: 'Required' }).max(limits.accountName),
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SetupBody = z.infer<typeof setupBody>;
