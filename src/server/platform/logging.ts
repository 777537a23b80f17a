import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { stdSerializers, type DestinationStream } from 'pino';
import type { Config } from '../config.js';

/** Paths that must never reach the logs. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.adminPassword',
];

/** Query values that are credentials: the visitor token of the customer's chat, link tokens, keys. */
const secretQueryNames = /^(token|t|code|key|secret|password|signature|access_token|datakey)$/i;
/** Path parameters that are credentials, by name: invitation and verification tokens, keys. */
const secretParamNames = /token|secret|key|password|code/i;
/** In a path no route matched: a long opaque segment (not a UUID) may be a token. */
const opaqueSegment = /^[\w~.%-]{16,}$/;
const uuidSegment = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const redactedText = '[redacted]';

/**
 * The URL as it may be logged: the values of secret query parameters and the path segments that
 * hold secrets replaced by `[redacted]`. `routeUrl` is the matched route's template
 * (`/api/v1/invitations/:token`): its secret parameters are known by name. Without one (no route
 * matched), every long opaque segment is redacted.
 */
export function redactUrl(url: string, routeUrl?: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const segments = path.split('/');
  const template = routeUrl?.split('/');
  const safePath = segments
    .map((segment, i) => {
      const part = template?.[i];
      if (template && part !== undefined && !template.slice(0, i + 1).includes('*'))
        return part.startsWith(':') && secretParamNames.test(part) ? redactedText : segment;
      return !template && opaqueSegment.test(segment) && !uuidSegment.test(segment) ? redactedText : segment;
    })
    .join('/');
  if (!query) return queryAt === -1 ? safePath : `${safePath}?`;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // keep it as written
      }
      return eq !== -1 && secretQueryNames.test(decoded) ? `${name}=${redactedText}` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

/** A failed query's message as the ORM writes it ends with its parameters: never logged. */
function withoutParameters(text: string | undefined): string | undefined {
  return text?.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]');
}

/**
 * Errors as logged: pino's serializer, after removing from every error of the cause chain what
 * may hold SQL parameters (drizzle's `params`, the `params:` line of its message and stack) — a
 * failing INSERT must not write a password hash or a token to the log.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 8) return err;
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Error & Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(err)) {
    if (key === 'params' || key === 'parameters' || key === 'values') continue;
    copy[key] = (err as unknown as Record<string, unknown>)[key];
  }
  copy.message = withoutParameters(err.message) ?? '';
  copy.stack = withoutParameters(err.stack);
  if (err.cause !== undefined) copy.cause = serializeError(err.cause, depth + 1);
  return depth === 0 ? stdSerializers.err(copy) : copy;
}

const logError = (err: Error) => serializeError(err) as ReturnType<typeof stdSerializers.err>;

/** JSON logs (pino) tagged with the request id; each request's account and user are added once known. */
export function loggerOptions(level: Config['logLevel'], stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: redactedPaths, censor: redactedText },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        url: redactUrl(req.url, req.routeOptions?.url),
        ip: req.ip,
      }),
      err: logError,
      error: logError,
    },
  };
}

/**
 * Fastify's request log lines, one per request: none when it arrives, one when it is answered
 * (`request completed`, with method, URL, address, status and time taken). Fastify's other lines
 * (errors, unknown routes) are kept.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
