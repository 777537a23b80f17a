import { performance } from 'node:perf_hooks';
import { signInAtProvider, startTestProvider } from '../../tests/support/oidc-provider.js';
import { median } from '../lib/stats.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';

/** The address Tandem believes it has: the provider sends the browser back there, the bench forwards it. */
const publicUrl = 'http://tandem.bench';
const callbackUrl = `${publicUrl}/api/v1/auth/sso/callback`;

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`)) ?? '';

/**
 * P19 — a single sign-on round trip as Tandem handles it: the start (a state, nonce and PKCE verifier
 * kept, the redirection) plus the callback (the state taken, the code exchanged at the provider on
 * loopback, the ID token checked, the user matched and their groups applied, the session opened),
 * timed one after another, against a password sign-in (argon2id) of the same run. The person's time at
 * the provider's own pages is not counted.
 */
export const ssoSignInScenario: Scenario = {
  id: 'P19',
  title: 'single sign-on round trip (start + callback) ÷ password sign-in, median',
  async run(ctx) {
    const tandem = await tandemForBench(ctx, { TANDEM_PUBLIC_URL: publicUrl });
    const idp = await startTestProvider([callbackUrl]);
    try {
      const login = await fetch(`${tandem.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: tandem.adminEmail, password: tandem.adminPassword }),
      });
      const admin = {
        cookie: cookieOf(login, 'tandem_session'),
        'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
      };
      const added = await fetch(`${tandem.baseUrl}/api/v1/sso-providers`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Bench',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          linkByEmail: true,
          enabled: true,
        }),
      });
      if (added.status !== 201) throw new Error(`adding the provider: ${added.status} ${await added.text()}`);
      const providerId = ((await added.json()) as { id: string }).id;
      idp.setPerson('bench-admin', { email: tandem.adminEmail, email_verified: true });

      const rounds = ctx.smoke ? 5 : Math.max(30, ctx.seconds * 5);
      const sso: number[] = [];
      const password: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        let at = performance.now();
        const start = await fetch(`${tandem.baseUrl}/api/v1/auth/sso/providers/${providerId}/start`, {
          redirect: 'manual',
        });
        let spent = performance.now() - at;
        const back = new URL(await signInAtProvider(String(start.headers.get('location')), 'bench-admin', callbackUrl));
        at = performance.now();
        const done = await fetch(`${tandem.baseUrl}${back.pathname}${back.search}`, {
          redirect: 'manual',
          headers: { cookie: cookieOf(start, 'tandem_sso') },
        });
        spent += performance.now() - at;
        if (done.status !== 302 || !cookieOf(done, 'tandem_session'))
          throw new Error(`sso sign-in ${i} failed: ${done.headers.get('location')}`);
        sso.push(spent);

        at = performance.now();
        const res = await fetch(`${tandem.baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: tandem.adminEmail, password: tandem.adminPassword }),
        });
        password.push(performance.now() - at);
        if (res.status !== 200) throw new Error(`password sign-in ${i} failed: ${res.status}`);
      }
      const ssoMedian = median(sso);
      const passwordMedian = median(password);
      ctx.log(
        `  single sign-on: ${ssoMedian.toFixed(1)} ms, password: ${passwordMedian.toFixed(1)} ms (median of ${rounds})`,
      );
      return [
        {
          metric: 'SSO sign-in (start + callback), median',
          figure: ssoMedian,
          unit: 'ms',
          baseline: passwordMedian,
          ratio: ratioOf(ssoMedian, passwordMedian),
          judged: 'ratio',
          target: { op: '<=', value: 1.5 },
        },
      ];
    } finally {
      await idp.close();
      await tandem.close();
    }
  },
};
