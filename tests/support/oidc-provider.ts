import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the test provider says about a person (`sub` is the login typed on its page). */
export interface TestPerson {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

/** Changes the ID token the token endpoint answers (re-signed with the provider's own key). */
export type IdTokenTamper = (claims: Record<string, unknown>) => Record<string, unknown>;

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** sets what the provider says of `sub` at its next sign-ins */
  setPerson(sub: string, person: TestPerson): void;
  /** the next token answers carry this ID token instead (null: the provider's own) */
  tamperIdToken(change: IdTokenTamper | null): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A real OpenID provider (oidc-provider 9) on 127.0.0.1 with its development login page (any login,
 * any password): one confidential client for `redirectUri`, PKCE required, consent given at once,
 * scope claims (email, profile, groups) in the ID token. The token endpoint can be made to answer a
 * changed ID token (another audience, an expiry in the past), signed with the provider's own key.
 */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const people = new Map<string, TestPerson>();
  let tamper: IdTokenTamper | null = null;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const clientId = 'tandem-test';
  const clientSecret = 'a-test-client-secret-that-is-long-enough-for-hs256';

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // a provider a test forgets to close never keeps the test's process alive
  server.unref();
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: ['test-cookie-key-1'] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const person = people.get(sub) ?? {};
        return { sub, ...person };
      },
    }),
    // consent is given at once: the test's client asks nothing a person must approve
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (!(tamper && req.method === 'POST' && req.url === '/token')) {
      handle(req, res);
      return;
    }
    const change = tamper;
    void (async () => {
      // the real answer, then its ID token re-signed with what the test changed
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      tamper = null;
      const answer = await fetch(`${issuer}/token`, { method: 'POST', headers, body });
      tamper = change;
      const json = (await answer.json()) as Record<string, unknown>;
      if (typeof json.id_token === 'string') {
        const [header, payload] = json.id_token.split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        const signingInput = `${header}.${b64(change(claims))}`;
        const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
        json.id_token = `${signingInput}.${signature}`;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(json));
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    setPerson: (sub, person) => people.set(sub, person),
    tamperIdToken: (change) => {
      tamper = change;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follows the provider's pages as a browser would (its own cookies): the login form with `login`,
 * then until the provider redirects to `redirectPrefix`; answers that address (the code and state).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  redirectPrefix: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step += 1) {
    if (url.startsWith(redirectPrefix)) return url;
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: cookieHeader() } });
    keep(res);
    init = {};
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    init = { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('the provider never sent the browser back');
}
