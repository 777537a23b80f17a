import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import { AppError } from '../../platform/http/app-error.js';
import type { App, Deps } from '../../platform/http/types.js';
import { findPortalBySlug, portalContext } from '../portals/index.js';
import { defaultPortalDir, loadPortalBundle, portalAssetPrefix, type PortalBundle } from './bundle.js';
import { closedPortalPage } from './closed-page.js';
import { portalContentSecurityPolicy } from './csp.js';

const tags = ['portal'];
/** `/portal/_preview`: the console's live preview frame (src/portal/location.ts); no portal takes it (slugs have no `_`). */
const previewSlug = '_preview';

/** A slug as the page route accepts it; the portal API decides whether a portal answers to it. */
const slugParams = z.object({ slug: z.string().min(1).max(64) });
const assetParams = z.object({ '*': z.string().max(300) });
const html = z.string().describe('the portal page (text/html)');

/**
 * The customer portal's page and files: `/portal/{slug}` (and every path below it, e.g. the
 * private follow link) answers the portal's index.html under a strict Content Security Policy;
 * its scripts and styles come from `/portal/_app/`. The page itself reads the portal through the
 * public portal API, in the portal's language. An address no portal has, or a disabled portal,
 * answers 404 with a short page in every language ("this portal is closed" for a disabled one).
 * `/join` is the account's join page: the same bundle, where a customer enters a session's code.
 */
export async function portalPageRoutes(app: App, { database }: Deps, portalDir: string = defaultPortalDir) {
  let bundle: PortalBundle | null | undefined;
  // read once, when first asked for: a server started before `npm run build` picks it up later
  const current = () => {
    if (!bundle) bundle = loadPortalBundle(portalDir);
    return bundle;
  };
  const notBuilt = () => new AppError('unavailable', 'The customer portal has not been built: run `npm run build`.');

  const page = async (request: { params: { slug: string } }, reply: import('fastify').FastifyReply) => {
    const built = current();
    if (!built) throw notBuilt();
    reply
      .header('content-security-policy', portalContentSecurityPolicy)
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8');
    // the console's live preview draws the page from the unsaved draft it posts to the frame
    if (request.params.slug === previewSlug) return reply.send(built.indexHtml);
    const portal = await findPortalBySlug(database.db, request.params.slug);
    if (!portal) return reply.status(404).send(closedPortalPage('notFound'));
    if (!portal.enabled)
      return reply.status(404).send(closedPortalPage('disabled', (await portalContext(database.db, portal)).language));
    return reply.send(built.indexHtml);
  };
  const pageSchema = {
    tags,
    summary: "A company's customer portal page (HTML)",
    produces: ['text/html'],
    params: slugParams,
    response: { 200: html, 400: errorResponse, 404: html, 503: errorResponse },
  };

  app.get(`${portalAssetPrefix}*`, {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "The customer portal's scripts and styles",
      hide: true,
      params: assetParams,
      response: { 200: z.string(), 304: z.null(), 400: errorResponse, 404: errorResponse, 503: errorResponse },
    },
    handler: async (request, reply) => {
      const built = current();
      if (!built) throw notBuilt();
      const file = built.files.get(request.params['*']);
      if (!file) throw new AppError('not_found', 'No such portal file.');
      reply
        .header('etag', file.etag)
        .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (request.headers['if-none-match'] === file.etag) return reply.status(304).send(null);
      return reply.type(file.contentType).send(file.body);
    },
  });

  // the account's join page: a customer without a portal address enters a session's code there
  app.get('/join', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: "The account's join page for a session's code (the portal's page, HTML)",
      produces: ['text/html'],
      response: { 200: html, 503: errorResponse },
    },
    handler: async (_request, reply) => {
      const built = current();
      if (!built) throw notBuilt();
      return reply
        .header('content-security-policy', portalContentSecurityPolicy)
        .header('cache-control', 'no-cache')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(built.indexHtml);
    },
  });
  app.get('/portal/:slug', { config: { permission: 'public' }, schema: pageSchema, handler: page });
  app.get('/portal/:slug/*', {
    config: { permission: 'public' },
    schema: { ...pageSchema, params: slugParams.extend(assetParams.shape) },
    handler: page,
  });
}
