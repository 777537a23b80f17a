import { z } from 'zod';
import { languages } from '../locales.js';
import { limits } from '../limits.js';
import { passwordSchema } from './common.js';

/** "Forgot password?": the e-mail typed on the sign-in page. */
export const passwordResetRequestBody = z.object({ email: z.string().trim().min(1).max(limits.email) });

/** The link's token, as e-mailed (URL-safe base64 of 32 random bytes). */
export const passwordResetTokenParams = z.object({ token: z.string().min(20).max(100) });

/** What the page of a usable link shows. */
export const passwordResetLinkSchema = z.object({
  email: z.string(),
  accountName: z.string(),
  language: z.enum(languages),
  expiresAt: z.string().describe('ISO 8601 date-time'),
});
export type PasswordResetLink = z.infer<typeof passwordResetLinkSchema>;

export const completePasswordResetBody = z.object({ password: passwordSchema });

/** How long a reset link works. */
export const passwordResetMinutes = 60;
