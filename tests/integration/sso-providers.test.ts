import { afterAll, describe, expect, it } from 'vitest';
import { ssoProviders } from '../../src/server/modules/sso/tables.js';
import { SecretBox } from '../../src/server/platform/crypto/secret-box.js';
import { startTestProvider } from '../support/oidc-provider.js';
import { call, createTestApp, signIn, testSecretKeys } from '../support/test-app.js';
import { anAccount, auditRowsOf } from '../support/builders/index.js';
import { parseSecretKeys } from '../../src/server/platform/crypto/secret-box.js';
import { callbackUrl, tandemUrl } from './sso-kit.js';
import { eq } from 'drizzle-orm';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: tandemUrl });
const db = database.db;
const idp = await startTestProvider([callbackUrl]);
afterAll(() => idp.close());

const account = await anAccount(db, { name: 'Providers' });
const other = await anAccount(db, { name: 'Elsewhere' });
const admin = await signIn(app, account.admin.email);
const otherAdmin = await signIn(app, other.admin.email);

const body = (fields: Record<string, unknown> = {}) => ({
  name: 'Entra',
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  ...fields,
});

describe('sign-in providers', () => {
  it('adds a provider with its defaults, keeps its secret sealed and never answers it', async () => {
    const res = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/sso-providers',
      payload: body({ domains: ['Acme.example'] }),
    });
    expect(res.statusCode).toBe(201);
    const provider = res.json();
    expect(provider).toMatchObject({
      name: 'Entra',
      scopes: 'openid email profile',
      groupsClaim: 'groups',
      domains: ['acme.example'],
      createUsers: false,
      linkByEmail: false,
      enabled: false,
      hasClientSecret: true,
      callbackUrl,
    });
    expect(JSON.stringify(provider)).not.toContain(idp.clientSecret);
    const [row] = await db.select().from(ssoProviders).where(eq(ssoProviders.id, provider.id));
    expect(SecretBox.isSealed(row!.clientSecret)).toBe(true);
    const box = new SecretBox({ keys: parseSecretKeys(testSecretKeys, 'test') });
    expect(box.open(row!.clientSecret)).toBe(idp.clientSecret);
    const audit = await auditRowsOf(db, provider.id, 'sso_provider.create');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(idp.clientSecret);

    const list = await call(app, admin, { method: 'GET', url: '/api/v1/sso-providers' });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([provider.id]);
    expect(list.json().signInUrl).toBe(`${tandemUrl}/login?account=${account.id}`);
    expect((await call(app, otherAdmin, { method: 'GET', url: '/api/v1/sso-providers' })).json().items).toEqual([]);
  });

  it('refuses bad input with coded field problems and changes nothing', async () => {
    const before = await db.select().from(ssoProviders);
    const bad = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/sso-providers',
      payload: body({ issuer: 'not a url', domains: ['no domain'], scopes: 'email profile', clientSecret: '' }),
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'issuer:invalid_url',
        'domains.0:invalid_format',
        'scopes:invalid_value',
        'clientSecret:required',
      ]),
    );
    expect(await db.select().from(ssoProviders)).toEqual(before);
  });

  it('gives a domain to one provider of one account only', async () => {
    const taken = await call(app, otherAdmin, {
      method: 'POST',
      url: '/api/v1/sso-providers',
      payload: body({ domains: ['other.example', 'acme.example'] }),
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.details).toEqual([expect.objectContaining({ path: 'domains.0', code: 'taken' })]);
  });

  it('changes a provider with a strict body; another account’s answers 404', async () => {
    const id = (await call(app, admin, { method: 'GET', url: '/api/v1/sso-providers' })).json().items[0].id;
    const unknown = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/sso-providers/${id}`,
      payload: { colour: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].code).toBe('unknown_field');
    const res = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/sso-providers/${id}`,
      payload: { enabled: true, domains: ['acme.example', 'acme-two.example'], clientSecret: 'new-secret' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enabled: true, domains: ['acme-two.example', 'acme.example'] });
    const audit = await auditRowsOf(db, id, 'sso_provider.update');
    expect(audit.at(-1)!.after).toMatchObject({ clientSecret: 'changed', enabled: true });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain('new-secret');
    expect((await call(app, otherAdmin, { method: 'GET', url: `/api/v1/sso-providers/${id}` })).statusCode).toBe(404);
    expect(
      (
        await call(app, otherAdmin, {
          method: 'PATCH',
          url: `/api/v1/sso-providers/${id}`,
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('discovers providers by e-mail domain with one answer shape, and lists an account’s own', async () => {
    const found = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/discover',
      payload: { email: 'Ann@ACME.example' },
    });
    expect(found.json()).toEqual({ providers: [{ id: expect.any(String), name: 'Entra' }] });
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/discover',
      payload: { email: 'ann@nowhere.example' },
    });
    expect(none.json()).toEqual({ providers: [] });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/sso/discover', payload: { email: 'nope' } });
    expect(bad.statusCode).toBe(400);
    const own = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/accounts/${account.id}` });
    expect(own.json()).toMatchObject({ providers: [{ name: 'Entra' }] });
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/auth/sso/accounts/${crypto.randomUUID()}` })).statusCode,
    ).toBe(404);
  });

  it('tests a provider: what was found, or why it cannot be used — never a 500', async () => {
    const id = (await call(app, admin, { method: 'GET', url: '/api/v1/sso-providers' })).json().items[0].id;
    const test = (issuer: string) =>
      call(app, admin, { method: 'PATCH', url: `/api/v1/sso-providers/${id}`, payload: { issuer } }).then(() =>
        call(app, admin, { method: 'POST', url: `/api/v1/sso-providers/${id}/test` }),
      );
    const ok = await test(idp.issuer);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, issuer: idp.issuer, tokenEndpoint: `${idp.issuer}/token` });

    const mismatch = await test(`${idp.issuer}/`);
    expect(mismatch.json()).toMatchObject({ ok: false, problem: 'issuer_mismatch' });

    // a port nobody listens on
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await test(`http://127.0.0.1:${port}`)).json()).toMatchObject({ ok: false, problem: 'unreachable' });

    // something that answers, but no OpenID provider
    const plain = createServer((_req, res) => res.end('<html>hello</html>'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    expect((await test(plainUrl)).json()).toMatchObject({ ok: false, problem: 'not_an_issuer' });
    await new Promise((resolve) => plain.close(resolve));

    expect((await test('https://[::]:1')).statusCode).toBe(200);
    await test(idp.issuer);
    expect((await auditRowsOf(db, id, 'sso_provider.test')).length).toBeGreaterThanOrEqual(4);
  });

  it('deletes a provider and its domains', async () => {
    const id = (await call(app, admin, { method: 'GET', url: '/api/v1/sso-providers' })).json().items[0].id;
    expect((await call(app, otherAdmin, { method: 'DELETE', url: `/api/v1/sso-providers/${id}` })).statusCode).toBe(
      404,
    );
    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/sso-providers/${id}` })).statusCode).toBe(204);
    expect((await call(app, admin, { method: 'GET', url: `/api/v1/sso-providers/${id}` })).statusCode).toBe(404);
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/discover',
      payload: { email: 'ann@acme.example' },
    });
    expect(none.json()).toEqual({ providers: [] });
    expect(await auditRowsOf(db, id, 'sso_provider.delete')).toHaveLength(1);
  });
});
