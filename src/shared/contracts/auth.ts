import { z } from 'zod';
import { limits } from '../limits.js';
import { userSchema } from './users.js';

export const loginBody = z.object({
  email: z.string().trim().min(1).max(limits.email),
  password: z.string().min(1).max(limits.passwordMax),
  /** the account chosen after an `accountChoice` answer (the same e-mail and password again) */
  accountId: z.uuid().optional(),
});

/**
 * The e-mail and password are right for users of several accounts: the person chooses one and
 * signs in again with its `accountId`. Only the accounts whose user has this password are named.
 */
export const accountChoiceResponse = z.object({
  accountChoice: z.literal(true),
  accounts: z.array(z.object({ id: z.uuid(), name: z.string() })).min(2),
});
export type AccountChoice = z.infer<typeof accountChoiceResponse>;

/** Signed in: the user and the CSRF token of the new session. */
export const signedInResponse = z.object({ user: userSchema, csrfToken: z.string() });

/** The second factors a user may give at the second step of sign-in. */
export const secondFactorKinds = ['totp', 'passkey'] as const;
export type SecondFactorKind = (typeof secondFactorKinds)[number];

export const loginResponse = z.union([
  signedInResponse,
  z.object({
    twoFactorRequired: z.literal(true),
    csrfToken: z.string(),
    secondFactors: z
      .array(z.enum(secondFactorKinds))
      .describe('what the second step accepts: a code of the app (and recovery codes), a passkey'),
  }),
  accountChoiceResponse,
]);
