import { z } from 'zod';
import { limits } from '../limits.js';
import { userSchema } from './users.js';

export const loginBody = z.object({
  email: z.string().trim().min(1).max(limits.email),
  password: z.string().min(1).max(limits.passwordMax),
});

/** Signed in: the user and the CSRF token of the new session. */
export const signedInResponse = z.object({ user: userSchema, csrfToken: z.string() });

export const loginResponse = z.union([
  signedInResponse,
  z.object({ twoFactorRequired: z.literal(true), csrfToken: z.string() }),
]);
