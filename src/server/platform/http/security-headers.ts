import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: no browser security headers (routes only programs call, such as the agent's) */
    securityHeaders?: false;
  }
}

/**
 * The headers helmet sets for these options, worked out once: they depend on nothing of the
 * request, and building helmet's middleware for each request (as its Fastify plugin does) costs
 * more than the rest of a small request's hooks.
 */
export function securityHeadersFor(options: HelmetOptions): ReadonlyMap<string, string> {
  const set = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.set(name, String(value)),
    removeHeader: (name: string) => set.delete(name),
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return set;
}

/** Every response gets the security headers, except on routes whose config says `securityHeaders: false`. */
export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = [...securityHeadersFor(options)];
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.securityHeaders !== false)
      for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
