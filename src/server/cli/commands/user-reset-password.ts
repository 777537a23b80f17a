import { z } from 'zod';
import { emailSchema, passwordSchema } from '../../../shared/contracts/common.js';
import { writeLine, type CliIo } from '../io.js';
import { parseOptions, validateOptions } from '../options.js';
import { resetPassword, type ResetPasswordInput } from '../operations/reset-password.js';
import { runWithDatabase } from '../run-with-database.js';

const spec = { email: { required: true }, password: { required: false }, account: { required: false } };
const schema = z.object({
  email: emailSchema,
  password: passwordSchema.optional(),
  account: z
    .string()
    .trim()
    .pipe(z.uuid({ message: 'must be an account id (a UUID)' }))
    .optional(),
});

export function parseUserResetPassword(args: string[]): ResetPasswordInput {
  const v = validateOptions(schema, parseOptions(args, spec));
  return { email: v.email, password: v.password, accountId: v.account };
}

export async function userResetPasswordCommand(args: string[], io: CliIo): Promise<number> {
  const input = parseUserResetPassword(args);
  const result = await runWithDatabase(io, ({ db }) => resetPassword(db, input));
  const sessions = result.sessionsEnded === 1 ? '1 session' : `${result.sessionsEnded} sessions`;
  writeLine(io.stderr, `tandem: password of ${result.email} reset; ${sessions} ended`);
  if (result.status !== 'active') {
    writeLine(
      io.stderr,
      `tandem: note: this user is ${result.status}, and cannot sign in until an administrator makes the user active`,
    );
  }
  // shown once, on standard output so that a script can capture it
  if (result.generated) writeLine(io.stdout, `new password: ${result.password}`);
  return 0;
}
