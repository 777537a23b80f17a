import { z } from 'zod';
import { limits } from '../limits.js';
import { userSchema } from './users.js';

export const loginBody = z.object({
  email: z.string().trim().min(1).max(limits.email),
  password: z.string().min(1).max(limits.passwordMax),
});

export const loginResponse = z.union([
  z.object({ user: userSchema, csrfToken: z.string() }),
  z.object({ twoFactorRequired: z.literal(true), csrfToken: z.string() }),
]);
