import { z } from 'zod';
import { languages } from '../locales.js';
import { roles } from '../permissions.js';
import { timestamp } from './common.js';

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
