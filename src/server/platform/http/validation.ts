import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableInput } from '../../../shared/contracts/storable-text.js';
import { InvalidInput, type IssueLike } from './field-problems.js';

/**
 * The one validator of request bodies, queries and path parameters: every string (and object
 * key) must be text PostgreSQL can store — no NUL character, no unpaired surrogate — then the
 * route's own zod schema applies. A refusal is a 400 with each field's path and problem code
 * (`InvalidInput`, answered by the error handler), for every route at once.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  if (!(route.schema instanceof z.ZodType)) return zodValidatorCompiler(route);
  const schema = storableInput.pipe(route.schema);
  return (data: unknown) => {
    // the input is reported only to tell a missing value from a wrong one, then dropped
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const issues = result.error.issues.map(({ input, ...issue }: IssueLike & { input?: unknown }) => ({
      ...issue,
      missing: input === undefined,
    }));
    return { error: new InvalidInput(issues as IssueLike[]) };
  };
};
