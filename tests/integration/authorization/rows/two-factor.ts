import { generate } from 'otplib';
import type { App } from '../../../../src/server/platform/http/types.js';
import { testPassword } from '../../../support/builders/index.js';
import { call, sessionCookieOf, signIn, type Caller } from '../../../support/test-app.js';
import { missingId, objectTargets, signedIn, type MatrixRow } from '../matrix-kit.js';

/** Starts and confirms an enrolment for the caller, with a code computed from the manual key. */
async function enrol(app: App, caller: Caller): Promise<void> {
  const started = await call(app, caller, {
    method: 'POST',
    url: '/api/v1/me/two-factor',
    payload: { password: testPassword },
  });
  const secret = String(started.json().manualKey).replace(/\s/g, '');
  const confirmed = await call(app, caller, {
    method: 'POST',
    url: '/api/v1/me/two-factor/confirm',
    payload: { code: await generate({ secret }) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`enrolment failed: ${confirmed.statusCode} ${confirmed.body}`);
}

/** Turns the caller's two-factor sign-in off again, if it is on. */
async function disable(app: App, session: Caller): Promise<void> {
  await call(app, session, { method: 'DELETE', url: '/api/v1/me/two-factor', payload: { password: testPassword } });
}

/**
 * Two-factor sign-in: enrolment, recovery codes, the second step, resets. The rows run in this
 * order for every caller: the world's users turn two-factor on (confirm), use it, and turn it
 * off again (the last row), so the other rows keep signing them in with a password alone. An API
 * token may not change a second factor: by token, the set-up steps are done with the caller's
 * session, and the second step turns two-factor off again after it.
 */
export const twoFactorRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/me/two-factor',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/me/two-factor' }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/me/two-factor',
    targets: ['none'],
    request: () => ({ method: 'POST', url: '/api/v1/me/two-factor', payload: { password: testPassword } }),
    expect: signedIn(201),
    sessionOnly: true,
  },
  {
    route: 'POST /api/v1/me/two-factor/confirm',
    targets: ['none'],
    request: async ({ app, who, session }) => {
      if (who === 'anonymous')
        return { method: 'POST', url: '/api/v1/me/two-factor/confirm', payload: { code: '123456' } };
      const started = await call(app, session, {
        method: 'POST',
        url: '/api/v1/me/two-factor',
        payload: { password: testPassword },
      });
      const secret = String(started.json().manualKey).replace(/\s/g, '');
      return { method: 'POST', url: '/api/v1/me/two-factor/confirm', payload: { code: await generate({ secret }) } };
    },
    expect: signedIn(200),
    sessionOnly: true,
  },
  {
    route: 'POST /api/v1/me/two-factor/recovery-codes',
    targets: ['none'],
    request: () => ({
      method: 'POST',
      url: '/api/v1/me/two-factor/recovery-codes',
      payload: { password: testPassword },
    }),
    expect: signedIn(200),
    sessionOnly: true,
  },
  {
    route: 'POST /api/v1/auth/login/totp',
    targets: ['none'],
    // the caller's password step, then one of their recovery codes
    request: async ({ app, world, who, caller, session }) => {
      if (who === 'anonymous') return { method: 'POST', url: '/api/v1/auth/login/totp', payload: { code: '123456' } };
      if (caller.headers.authorization) await enrol(app, session);
      const codes = await call(app, session, {
        method: 'POST',
        url: '/api/v1/me/two-factor/recovery-codes',
        payload: { password: testPassword },
      });
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: world.users[who].email, password: testPassword },
      });
      const pending: Caller = {
        headers: { cookie: `tandem_session=${sessionCookieOf(login)}`, 'x-csrf-token': login.json().csrfToken },
      };
      return {
        method: 'POST',
        url: '/api/v1/auth/login/totp',
        caller: pending,
        payload: { code: codes.json().recoveryCodes[0] },
      };
    },
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 200 },
    after: async ({ app, who, caller, session }) => {
      if (who !== 'anonymous' && caller.headers.authorization) await disable(app, session);
    },
  },
  {
    route: 'DELETE /api/v1/users/:id/two-factor',
    targets: objectTargets,
    // For an administrator every company is their own: the colleague of the other company, with
    // two-factor on, is the target of both; the world's signed-in users keep their sessions.
    request: async ({ app, world, who, target }) => {
      if (target === 'otherAccount')
        return { method: 'DELETE', url: `/api/v1/users/${world.users.otherAccountAdmin.id}/two-factor` };
      if (target === 'missing') return { method: 'DELETE', url: `/api/v1/users/${missingId}/two-factor` };
      if (who === 'administrator') await enrol(app, await signIn(app, world.users.colleague.email));
      return { method: 'DELETE', url: `/api/v1/users/${world.users.colleague.id}/two-factor` };
    },
    expect: {
      anonymous: 401,
      administrator: { own: 204, otherCompany: 204, otherAccount: 404, missing: 404 },
      technician: 403,
      viewer: 403,
    },
  },
  {
    route: 'DELETE /api/v1/me/two-factor',
    targets: ['none'],
    request: () => ({ method: 'DELETE', url: '/api/v1/me/two-factor', payload: { password: testPassword } }),
    expect: signedIn(204),
    sessionOnly: true,
  },
];
