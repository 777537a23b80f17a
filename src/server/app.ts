import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type onRequestHookHandler } from 'fastify';
import type { DestinationStream } from 'pino';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { liveMaxFrameBytes } from '../shared/realtime.js';
import type { Config } from './config.js';
import type { Database } from './platform/db/pool.js';
import { secretBoxFor, type SecretBox } from './platform/crypto/secret-box.js';
import { clientErrors, frameworkErrors, installErrorHandler } from './platform/http/error-handler.js';
import { validatorCompiler } from './platform/http/validation.js';
import { docsPrefix, registerOpenApi } from './platform/http/openapi.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import type { App } from './platform/http/types.js';
import { LiveRegistry } from './platform/realtime/live-registry.js';
import { NotifyHub } from './platform/realtime/notify-hub.js';
import { loggerOptions, OneLinePerRequest } from './platform/logging.js';
import { createMetrics } from './platform/metrics.js';
import { projectPath } from './platform/project-root.js';
import { accountRoutes } from './modules/accounts/index.js';
import { apiTokenRoutes } from './modules/api-tokens/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { cannedReplyRoutes } from './modules/canned-replies/index.js';
import { groupRuleRoutes } from './modules/group-mapping/index.js';
import {
  assertCsrf,
  assertCurrentPassword,
  authenticationHook,
  authRoutes,
  completeSecondFactor,
  deleteUserSessions,
  forgetChangedIdentities,
  IdentityCache,
  pendingSignIn,
  startSession,
} from './modules/auth/index.js';
import { healthRoutes } from './modules/health/index.js';
import { liveRoutes } from './modules/live/index.js';
import { portalRoutes } from './modules/portals/index.js';
import { presenceRoutes } from './modules/presence/index.js';
import { supportRoutes } from './modules/requests/index.js';
import { sessionModuleRoutes } from './modules/sessions/index.js';
import { companyRoutes } from './modules/companies/index.js';
import { contactRoutes } from './modules/contacts/index.js';
import { dashboardRoutes } from './modules/dashboard/index.js';
import { scimRoutes, scimTokenRoutes } from './modules/scim/index.js';
import { agentDownloadRoutes, agentRoutes, countCompanyDevices, deviceRoutes } from './modules/devices/index.js';
import { alertRoutes, rulesUsingContact } from './modules/alerts/index.js';
import { outboxRoutes } from './modules/mail/index.js';
import { passwordResetRoutes } from './modules/password-reset/index.js';
import { meRoutes } from './modules/me/index.js';
import { seatRoutes } from './modules/seats/index.js';
import { companyTimeZone, settingRoutes } from './modules/settings/index.js';
import { twoFactorRoutes } from './modules/two-factor/index.js';
import { passkeyRoutes } from './modules/passkeys/index.js';
import { userRoutes } from './modules/user-admin/index.js';
import { setupRoutes } from './modules/setup/index.js';
import { portalPageRoutes } from './modules/portal-page/index.js';
import { reportRoutes, schedulesOfContact } from './modules/reports/index.js';
import { endSessionOfRevokedDevice, grantPublicKey, remoteModuleRoutes } from './modules/remote/index.js';
import { deviceScriptModuleRoutes } from './modules/device-scripts/index.js';
import { ssoProviderRoutes, ssoSignInRoutes } from './modules/sso/index.js';
import { consoleDocument } from './modules/console-page/index.js';

/** What the app knows of each registered route: the authorization-matrix test walks this list. */
export interface RouteInfo {
  method: string;
  url: string;
  permission: string;
  hasResponseSchema: boolean;
  hasBody: boolean;
  /** the route's input schemas (zod), for the tests that fuzz every field */
  input: { body?: unknown; querystring?: unknown; params?: unknown };
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteInfo[];
    /** this process's console sockets */
    live: LiveRegistry;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** folder of the built console; served with a fallback to index.html when present */
  consoleDir?: string;
  /** the console built for Node, with which signed-in pages are drawn (dist/console-render's entry by default) */
  consoleRenderEntry?: string;
  /** folder of the built customer portal (dist/portal by default) */
  portalDir?: string;
  /** the process's notification hub; buildApp opens (and closes) its own when none is given */
  hub?: NotifyHub;
  /**
   * Who is calling, checked before every route: the product's authentication hook by default.
   * The benchmark swaps in an allow-all one to measure what authorization costs (P2).
   */
  authenticate?: (db: Database['db'], identities: IdentityCache) => onRequestHookHandler;
  /** where JSON logs go; standard output by default */
  logDestination?: DestinationStream;
  /** the process's secret box; one from the configuration by default */
  secrets?: SecretBox;
}

export const defaultConsoleDir = projectPath('dist', 'console');
/** the console built for Node, with which the server draws signed-in pages (src/console/server-entry.tsx) */
const defaultConsoleRenderEntry = projectPath('dist', 'console-render', 'server-entry.js');

/** Routes that plugins register (API docs, static files): public by nature, no JSON response schema. */
export function isPluginRoute(url: string): boolean {
  return url.startsWith(docsPrefix) || url === '/*' || url === '/api/openapi.json';
}

/**
 * Fastify's form of `TANDEM_TRUST_PROXY`. A hop count becomes "the first N hops from this server
 * are proxies" (Fastify itself refuses bare hop counts), so the client is the entry the outermost
 * of our proxies appended, whatever a client wrote to the left of it.
 */
function trustedProxies(setting: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return setting === 0 ? false : (_address, hop) => hop < setting;
  return setting;
}

/** Builds the Fastify instance without listening: what main.ts serves and what tests inject into. */
export async function buildApp({
  config,
  database,
  consoleDir = defaultConsoleDir,
  consoleRenderEntry = defaultConsoleRenderEntry,
  portalDir,
  logDestination,
  hub: givenHub,
  secrets,
  authenticate = authenticationHook,
}: AppOptions): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logDestination),
    // one line per request, written when it is answered, instead of two
    logController: new OneLinePerRequest(),
    trustProxy: trustedProxies(config.trustProxy),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1_048_576,
    // a bad percent-encoding or an over-long path parameter, or what the HTTP parser refuses: the error shape, not Fastify's own
    // (its answer is sent by reply.send, whose returned reply Fastify does not wait for)
    frameworkErrors: (error, request, reply) => void frameworkErrors(error, request, reply),
    clientErrorHandler: clientErrors,
  }).withTypeProvider<ZodTypeProvider>();

  // the API speaks JSON only: a cross-site form cannot post text/plain or form bodies to it
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const consoleBuilt = existsSync(path.join(consoleDir, 'index.html'));
  installErrorHandler(
    app,
    consoleBuilt ? consoleDocument(app, { consoleDir, renderEntry: consoleRenderEntry }) : undefined,
  );

  // every API route declares what it needs and what it answers, or the app refuses to start
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    if (isPluginRoute(route.url)) {
      route.config = { ...(route.config as object), permission: 'public' };
    } else {
      if (!route.config?.permission)
        throw new Error(`Route ${route.method} ${route.url} declares no permission (config.permission)`);
      if (!route.schema?.response) throw new Error(`Route ${route.method} ${route.url} declares no response schema`);
    }
    for (const method of [route.method].flat()) {
      routeList.push({
        method,
        url: route.url,
        permission: String(route.config?.permission),
        hasResponseSchema: Boolean(route.schema?.response),
        hasBody: Boolean(route.schema?.body),
        input: { body: route.schema?.body, querystring: route.schema?.querystring, params: route.schema?.params },
      });
    }
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('deviceCredentialHash', null);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  await app.register(cookie);
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(rateLimit, { global: false, keyGenerator: (req) => req.ip ?? 'unknown' });
  await app.register(websocket, { options: { maxPayload: liveMaxFrameBytes } });

  const live = new LiveRegistry();
  app.decorate('live', live);
  const metrics = createMetrics(database.pool, live);
  metrics.install(app);
  await registerOpenApi(app);
  const hub = givenHub ?? new NotifyHub({ url: database.url, log: app.log });
  if (!givenHub) {
    await hub.start();
    app.addHook('onClose', () => hub.stop());
  }
  const identities = new IdentityCache(config.identityCacheSeconds * 1000);
  await identities.follow(hub);
  app.addHook('onRequest', authenticate(database.db, identities));
  app.addHook('onSend', forgetChangedIdentities(identities));
  const deps = { config, database, hub, live, secrets: secrets ?? secretBoxFor(config) };
  await healthRoutes(app, deps, metrics.registry);
  await setupRoutes(app, deps);
  await authRoutes(app, deps);
  await passwordResetRoutes(app, deps);
  await ssoSignInRoutes(app, deps, identities);
  await ssoProviderRoutes(app, deps);
  await meRoutes(app, deps);
  await accountRoutes(app, deps);
  await apiTokenRoutes(app, deps);
  await auditRoutes(app, deps);
  await companyRoutes(app, deps, { timeZoneOf: companyTimeZone, deviceCountOf: countCompanyDevices });
  await userRoutes(app, deps);
  await seatRoutes(app, deps);
  await twoFactorRoutes(app, deps, { assertCurrentPassword, endSessions: deleteUserSessions });
  await passkeyRoutes(app, deps, {
    assertCurrentPassword,
    startSession,
    pendingSignIn,
    assertCsrf,
    completeSecondFactor,
  });
  await outboxRoutes(app, deps);
  await settingRoutes(app, deps);
  await liveRoutes(app, deps, identities);
  await deviceRoutes(app, deps, { onRevoked: endSessionOfRevokedDevice });
  await agentDownloadRoutes(app, deps, config.agentDir);
  await agentRoutes(app, deps, { grantKey: () => grantPublicKey({ db: database.db, secrets: deps.secrets }) });
  await portalPageRoutes(app, deps, portalDir);
  await contactRoutes(app, deps, { alertRules: rulesUsingContact, reportSchedules: schedulesOfContact });
  await portalRoutes(app, deps);
  await presenceRoutes(app, deps);
  await supportRoutes(app, deps);
  await cannedReplyRoutes(app, deps);
  await groupRuleRoutes(app, deps);
  const sessions = await sessionModuleRoutes(app, deps);
  const agents = await remoteModuleRoutes(app, deps, sessions.signals);
  await deviceScriptModuleRoutes(app, deps, agents);
  await reportRoutes(app, deps);
  await alertRoutes(app, deps);
  await dashboardRoutes(app, deps);
  await scimTokenRoutes(app, deps);
  await scimRoutes(app, deps, identities);

  if (consoleBuilt) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/',
      wildcard: true,
      // `/` is a page like the others: its document comes from consoleDocument (the not-found handler)
      index: false,
      allowedPath: (pathName) => pathName !== '/',
      // the build writes .br and .gz copies beside each file (scripts/precompress.ts): sent to browsers that take them
      preCompressed: true,
      // a built file's name carries its content's hash: it never changes, so browsers keep it
      setHeaders: (reply, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}
