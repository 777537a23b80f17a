import type { InjectOptions } from 'fastify';
import type { Db } from '../../../src/server/platform/db/pool.js';
import type { App } from '../../../src/server/platform/http/types.js';
import { call, type Caller } from '../../support/test-app.js';
import { type Who, type World } from '../../support/builders/index.js';

/**
 * The object a request aims at: `none` for routes without one; otherwise the caller's own,
 * one of another company of the same account (or another user's), one of another account,
 * or one that does not exist.
 */
export type Target = 'none' | 'own' | 'otherCompany' | 'otherAccount' | 'missing';
export const objectTargets: readonly Target[] = ['own', 'otherCompany', 'otherAccount', 'missing'];

export interface CaseContext {
  app: App;
  /** the test database, for rows that must prepare objects no route can create yet */
  db: Db;
  world: World;
  who: Who;
  caller: Caller;
  /** the caller's signed-in session (anonymous: none), for preparing what an API token may not do */
  session: Caller;
  target: Target;
}

export interface MatrixRow {
  /** `METHOD /registered/url/:param`, exactly as registered */
  route: string;
  targets: readonly Target[];
  /** builds the request; may create what it needs first, or replace the caller */
  request(ctx: CaseContext): Promise<InjectOptions & { caller?: Caller }> | (InjectOptions & { caller?: Caller });
  /** expected status per caller, or per caller and target */
  expect: Record<Who, number | Partial<Record<Target, number>>>;
  /** refused attempts of this route are audited by design (failed sign-ins) */
  refusalsAreRecorded?: boolean;
  /** the route declares `sessionOnly`: by API token, every signed-in caller gets 403 */
  sessionOnly?: true;
  /** the route answers refusals in the SCIM error schema (`status` and `detail`), not the API's `error` */
  errorShape?: 'scim';
  /** puts back what the request changed that later rows rely on */
  after?(ctx: CaseContext): Promise<void>;
}

export const missingId = '00000000-0000-4000-8000-000000000000';
export const all = (status: number) => ({
  anonymous: status,
  administrator: status,
  technician: status,
  viewer: status,
});
export const signedIn = (status: number) => ({
  anonymous: 401,
  administrator: status,
  technician: status,
  viewer: status,
});
export const adminOnly = (status: number) => ({ anonymous: 401, administrator: status, technician: 403, viewer: 403 });
export const ownObjectOnly = (status: number) => ({ own: status, otherCompany: 404, otherAccount: 404, missing: 404 });

export async function tokenIdOf(app: App, caller: Caller): Promise<string> {
  const res = await call(app, caller, { method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'to revoke' } });
  return res.json().id;
}

/** Plugin routes (API documentation, console files): public, answered the same to everyone. */
export function pluginRequest(url: string): string {
  return url.replace('/*', '/index.html').replace(/^\/\*$/, '/');
}
