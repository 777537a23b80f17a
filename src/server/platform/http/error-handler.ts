import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '../../../shared/errors.js';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { httpStatusOf } from '../../../shared/errors.js';
import { AppError } from './app-error.js';
import { fieldProblemsOf, InvalidInput, type IssueLike } from './field-problems.js';

function send(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: ErrorBody['error']['details'],
  status = httpStatusOf[code],
) {
  const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const partNames: Record<string, string> = { body: '', querystring: 'query', params: 'params', headers: 'headers' };

/** The field problems of a refused request part, each path under its part (`query.limit`; a body field bare). */
function fieldProblems(error: FastifyError): FieldProblem[] {
  const part = partNames[(error as { validationContext?: string }).validationContext ?? 'body'] ?? '';
  if (error instanceof InvalidInput) return fieldProblemsOf(error.issues, part);
  // a schema that is not zod's (none today) is validated by the provider: its entries rebuilt as issues
  const entries = (error.validation ?? []) as {
    keyword: string;
    instancePath: string;
    message?: string;
    params?: object;
  }[];
  return fieldProblemsOf(
    entries.map((v) => ({
      ...v.params,
      code: v.keyword,
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message ?? 'Invalid value',
    })) as IssueLike[],
    part,
  );
}

/** Fastify's own error codes that reach clients, translated into ours. */
const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'The request body is empty; send a JSON object.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the request body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation_failed', 'The Content-Length header does not match the body.'],
  FST_ERR_VALIDATION: ['validation_failed', 'Some fields are not valid.'],
};

/**
 * What Fastify refuses before a route is found — an address whose percent-encoding is not UTF-8,
 * a path parameter beyond `maxParamLength` — answered in the same error shape (Fastify's own
 * answer is a bare JSON and, for a long parameter, a 414).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL')
    return send(
      reply,
      'validation_failed',
      'The address holds an invalid character (its percent-encoding is not UTF-8).',
      [{ path: 'params', code: 'invalid_encoding', message: 'Invalid character' }],
    );
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return send(reply, 'validation_failed', 'A part of the address is longer than Tandem accepts.', [
      {
        path: 'params',
        code: 'too_long',
        params: { max: request.server.initialConfig.maxParamLength ?? 100 },
        message: 'Too long',
      },
    ]);
  request.log.error({ err: error }, 'routing error');
  return send(reply, 'internal', 'Something went wrong on our side. The error has been logged.');
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (a malformed request line or
 * header, headers beyond the size limit, a request that takes too long to arrive): the error
 * shape too, with the HTTP status that names the problem.
 */
export function clientErrors(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'payload_too_large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'validation_failed', 'The request took too long to arrive.']
        : [400, 'validation_failed', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * The one error handler: every failure leaves as `{"error":{"code","message","details"}}`.
 * Unknown errors are logged with their stack and answered with a generic 500 — never a
 * stack trace or a database message to the client.
 */
export function installErrorHandler(
  app: FastifyInstance,
  /** answers an address of the console (its document); none when the console is not built */
  consoleDocument?: (request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return send(reply, error.code, error.message, error.details, error.statusCode);
    }
    if (error instanceof InvalidInput || hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, 'validation_failed', 'Some fields are not valid.', fieldProblems(error));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return send(reply, known[0], known[1]);
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return send(reply, 'invalid_json', 'The request body is not valid JSON.');
    }
    if (error.statusCode === 429) {
      return send(reply, 'rate_limited', 'Too many requests; wait a moment and try again.');
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, 'internal', 'Something went wrong on our side. The error has been logged.');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return send(reply, 'validation_failed', 'The request could not be understood.');
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return send(reply, 'unavailable', 'The database is not answering; try again shortly.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'internal', 'Something went wrong on our side. The error has been logged.');
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // the console is a single-page app: its own paths all load index.html
    const isConsolePath =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !pathname.startsWith('/api/') &&
      !pathname.startsWith('/portal/');
    if (isConsolePath && consoleDocument) return consoleDocument(request, reply);
    return send(reply, 'not_found', `No route ${request.method} ${pathname}.`);
  });
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  // too many connections (the server's max_connections or a role's limit): gone once others close
  '53300',
]);

/**
 * Connection failures, server shutdowns, a server out of connections, class 08 errors: walks the
 * cause chain (the ORM wraps errors).
 */
function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    const code = String(e.code ?? '');
    if (unavailableCodes.has(code) || code.startsWith('08')) return true;
    if (/Connection terminated|timeout exceeded when trying to connect/i.test(String(e.message))) return true;
  }
  return false;
}
