import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storableInput } from '../../../shared/contracts/storable-text.js';

/**
 * The one validator of request bodies, queries and path parameters: every string (and object
 * key) must be text PostgreSQL can store — no NUL character, no unpaired surrogate — then the
 * route's own zod schema applies. A refusal is a 400 with the field's path, for every route at once.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.schema instanceof z.ZodType
    ? zodValidatorCompiler({ ...route, schema: storableInput.pipe(route.schema) })
    : zodValidatorCompiler(route);
