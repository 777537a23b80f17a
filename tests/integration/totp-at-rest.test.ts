import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { parseSecretKeys, SecretBox } from '../../src/server/platform/crypto/secret-box.js';
import { resealTotpSecrets } from '../../src/server/modules/two-factor/index.js';
import { anAccount, aPlainTotpSecret, aUser, storedTotpSecret, testPassword } from '../support/builders/index.js';
import { call, createTestApp, signIn, testSecretKeys } from '../support/test-app.js';

/** Authenticator secrets are stored sealed with a key kept outside the database. */
const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Sealed', companies: 1 });
const storedSecret = (userId: string) => storedTotpSecret(db, userId);

describe('authenticator secrets at rest', () => {
  it('are stored sealed, never as the key the user typed, and still sign in', async () => {
    const user = await aUser(db, account, { role: 'technician' });
    const session = await signIn(app, user.email);
    const started = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/two-factor',
      payload: { password: testPassword },
    });
    const secret = String(started.json().manualKey).replace(/\s/g, '');
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^v1:test:/);
    expect(stored).not.toContain(secret);
    const confirmed = await call(app, session, {
      method: 'POST',
      url: '/api/v1/me/two-factor/confirm',
      payload: { code: await generate({ secret }) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  it('written plain by an earlier version, or under an older key, are sealed again with the current key at start', async () => {
    const user = await aUser(db, account, { role: 'viewer' });
    await aPlainTotpSecret(db, user, 'JBSWY3DPEHPK3PXP');
    const current = new SecretBox({ keys: parseSecretKeys(testSecretKeys, 'test') });
    expect(await resealTotpSecrets(db, current)).toBeGreaterThanOrEqual(1);
    expect(current.open(await storedSecret(user.id))).toBe('JBSWY3DPEHPK3PXP');
    // a new key put first: every secret moves to it, and the new key alone opens them
    const next = parseSecretKeys(`next:${Buffer.alloc(32, 9).toString('base64')}`, 'test');
    const rotated = new SecretBox({ keys: [...next, ...parseSecretKeys(testSecretKeys, 'test')] });
    await resealTotpSecrets(db, rotated);
    const moved = await storedSecret(user.id);
    expect(moved).toMatch(/^v1:next:/);
    expect(new SecretBox({ keys: next }).open(moved)).toBe('JBSWY3DPEHPK3PXP');
    expect(await resealTotpSecrets(db, rotated)).toBe(0);
  });
});
