import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

/** How many single-use recovery codes a user receives at once. */
export const recoveryCodeCount = 10;

/** The longest code input accepted (a recovery code typed with spaces and dashes fits easily). */
export const twoFactorCodeMax = 32;

/** A TOTP code: six digits (spaces allowed, as apps show "123 456"). */
export const totpCodePattern = /^\d{6}$/;
/** A recovery code: three groups of four base-32 characters, e.g. `k7qm-2xda-p4rw` (case and dashes are free). */
export const recoveryCodePattern = /^[a-z2-7]{12}$/;

/** Removes what people add when they type a code: spaces, dashes, capitals. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

export const twoFactorStatusSchema = z.object({
  enabled: z.boolean().describe('a confirmed authenticator is required at sign-in'),
  confirmedAt: timestamp.nullable(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

export const enrolmentSchema = z.object({
  otpauthUri: z.string().describe('otpauth://totp/… for authenticator apps'),
  qrCode: z.string().describe('the otpauth URI as a QR code, a data:image/png;base64 URL'),
  manualKey: z.string().describe('the secret in base 32, in groups of four, to type into an app'),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

const totpCode = z
  .string()
  .max(twoFactorCodeMax)
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => totpCodePattern.test(v), { message: 'Enter the 6-digit code from your app' });

export const confirmTwoFactorBody = z.object({ code: totpCode });

export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('shown once: store them somewhere safe'),
  status: twoFactorStatusSchema,
});

/** Changes that weaken or replace the second factor ask for the password again. */
export const passwordConfirmationBody = z.object({ password: z.string().min(1).max(limits.passwordMax) });

/** The second step of sign-in: a code from the app, or one of the recovery codes. */
export const loginTotpBody = z.object({
  code: z
    .string()
    .max(twoFactorCodeMax)
    .refine((v) => totpCodePattern.test(v.replace(/\s/g, '')) || recoveryCodePattern.test(normaliseCode(v)), {
      message: 'Enter the 6-digit code from your app, or one of your recovery codes',
      params: coded('invalid_code'),
    }),
});
