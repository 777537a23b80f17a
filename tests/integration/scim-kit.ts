import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { App } from '../../src/server/platform/http/types.js';
import { call, type Caller } from '../support/test-app.js';

/** A SCIM client over real HTTP, as an identity provider calls: a bearer token and application/scim+json. */
export interface ScimClient {
  token: string;
  tokenId: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimAnswer>;
}

export interface ScimAnswer {
  status: number;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Listens on a free loopback port (once) and returns the server's http:// address. */
export async function listening(app: App): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Sends a request to `/scim/v2…` with these headers (none added). */
export async function scimFetch(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<ScimAnswer> {
  const res = await fetch(`${base}/scim/v2${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : null,
  };
}

/** An administrator creates a SCIM token on the console's route; the client sends it. */
export async function scimClientFor(app: App, admin: Caller, name = 'Provider'): Promise<ScimClient> {
  const created = await call(app, admin, { method: 'POST', url: '/api/v1/scim-tokens', payload: { name } });
  expect(created.statusCode, created.body).toBe(201);
  const { token, id } = created.json() as { token: string; id: string };
  const base = await listening(app);
  return {
    token,
    tokenId: id,
    request: (method, path, body, headers = {}) =>
      scimFetch(base, method, path, { authorization: `Bearer ${token}`, ...headers }, body),
  };
}

export const patchOp = (...operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
});

/** The user Okta's provisioning sends on creation (its documented shape). */
export function oktaUser(email: string, given = 'Test', family = 'User') {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: email,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: email, type: 'work' }],
    displayName: `${given} ${family}`,
    locale: 'en-US',
    externalId: `00u${email.length}okta`,
    groups: [],
    password: 'never-kept-1A!',
    active: true,
  };
}

/** The user Entra ID's provisioning sends on creation (its documented shape, enterprise extension included). */
export function entraUser(email: string, externalId: string) {
  return {
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    externalId,
    userName: email,
    active: true,
    addresses: [{ primary: false, type: 'work', country: 'FR' }],
    displayName: 'Entra Person',
    emails: [{ primary: true, type: 'work', value: email }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Entra Person', familyName: 'Person', givenName: 'Entra' },
    title: 'Technician',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Support' },
  };
}
