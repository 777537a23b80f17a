import { z } from 'zod';
import { coded } from '../field-problems.js';
import { errorCodes } from '../errors.js';
import { fieldProblemCodes, type FieldProblemCode } from '../field-problems.js';
import { limits } from '../limits.js';
import { guessablePassword } from '../password-strength.js';

export const idSchema = z.uuid();
export const idParams = z.object({ id: idSchema });

export const emailSchema = z
  .string()
  .trim()
  .max(limits.email)
  .pipe(z.email({ message: 'Enter a valid e-mail address' }))
  .transform((e) => e.toLowerCase());

/** A new password: long enough, and not one that guessing lists try first. */
export const passwordSchema = z
  .string()
  .min(limits.passwordMin, { message: `Use at least ${limits.passwordMin} characters` })
  .max(limits.passwordMax)
  .refine((password) => guessablePassword(password) === null, {
    params: coded('guessable_password'),
    message:
      'This password is too easy to guess (a common password, a repeated character or a keyboard run). Choose a few unrelated words, for example.',
  });

export const nameSchema = z.string().trim().min(1, { message: 'Required' }).max(limits.name);

export const timestamp = z.string().describe('ISO 8601 date-time');

/** One field problem of a `validation_failed` answer (see src/shared/field-problems.ts). */
export const fieldProblemSchema = z.object({
  path: z.string().describe('dotted path of the field, e.g. `email`, `query.limit`, `methods.0.value`'),
  code: z.enum(fieldProblemCodes as [FieldProblemCode, ...FieldProblemCode[]]).describe('what is wrong, to translate'),
  params: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('values the code speaks of, e.g. `{ max: 120 }` for `too_long`'),
  message: z.string().describe('the problem as an English sentence'),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z
      .union([z.array(fieldProblemSchema), z.record(z.string(), z.unknown())])
      .optional()
      .describe('field problems (validation_failed, some conflicts), or the facts of a refusal (`reason`…)'),
  }),
});

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: z.string().max(limits.cursor).optional(),
});

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
