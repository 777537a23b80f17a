import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.js';

export const scimErrorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const scimContentType = 'application/scim+json; charset=utf-8';

/** The `scimType` values of RFC 7644 §3.12 this server answers with. */
export type ScimType =
  'invalidFilter' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'noTarget';

/** An error of the SCIM protocol: answered in the SCIM error schema, `status` as a string. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export const scimNotFound = (what: string) => new ScimError(404, `${what} does not exist.`);
export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');

/** What Fastify refuses before the handler, in SCIM's terms. */
const fastifyErrors: Record<string, [number, string, ScimType | undefined]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.', 'invalidSyntax'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request body is empty; send a JSON object.', 'invalidSyntax'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is too large.', undefined],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'Send the request body as application/scim+json or application/json.',
    undefined,
  ],
  FST_ERR_VALIDATION: [400, 'The request is not a SCIM object, or holds text that cannot be stored.', 'invalidValue'],
};

function sendScimError(reply: FastifyReply, status: number, detail: string, scimType?: ScimType) {
  return reply
    .status(status)
    .type(scimContentType)
    .send({ schemas: [scimErrorSchema], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

/** The error handler of the `/scim/v2` routes: every refusal in the SCIM error schema, never a stack. */
export function scimErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ScimError) return sendScimError(reply, error.status, error.message, error.scimType);
  if (error instanceof AppError) {
    const scimType = error.statusCode === 400 ? 'invalidValue' : undefined;
    return sendScimError(reply, error.statusCode, error.message, scimType);
  }
  const known = error.code ? fastifyErrors[error.code] : undefined;
  if (known) return sendScimError(reply, known[0], known[1], known[2]);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return sendScimError(reply, error.statusCode, 'The request cannot be answered.');
  request.log.error({ err: error }, 'SCIM request failed');
  return sendScimError(reply, 500, 'The server failed to answer this request.');
}
