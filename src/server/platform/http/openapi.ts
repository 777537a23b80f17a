import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { App } from './types.js';

export const docsPrefix = '/api/docs';

/**
 * The route schemas as OpenAPI, leaving out routes whose path OpenAPI cannot express: a wildcard
 * (`/portal/:slug/*`, the customer portal's page below its address) is no path template.
 */
const hidingWildcards: typeof jsonSchemaTransform = (input) => {
  const result = jsonSchemaTransform(input);
  return input.url.includes('*') ? { ...result, schema: { ...result.schema, hide: true } } : result;
};

/** OpenAPI 3.1 generated from the route schemas, at /api/openapi.json, and the interactive page. */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: '1',
        description:
          'Account management for remote-support teams. Authenticate with the session cookie (send X-CSRF-Token on writes) or `Authorization: Bearer <API token>`. Errors are `{"error":{"code","message","details"}}`; lists are `{"items":[…],"nextCursor":…}` with `?limit=&cursor=`.',
      },
      // relative: the document describes the server that serves it, whatever its address
      servers: [{ url: '/', description: 'This Tandem server' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (tdm_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: hidingWildcards,
  });
  await app.register(swaggerUi, { routePrefix: docsPrefix, staticCSP: true });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
