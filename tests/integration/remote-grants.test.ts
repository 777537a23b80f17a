import { createPublicKey, verify } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { describe, expect, it } from 'vitest';
import { grantPublicKey, signGrant, type GrantFields } from '../../src/server/modules/remote/index.js';
import { agentGrantKeys } from '../../src/server/modules/remote/tables.js';
import { parseSecretKeys, SecretBox } from '../../src/server/platform/crypto/secret-box.js';
import { readGrantPayload, splitGrant } from '../../src/shared/remote/grant.js';
import { createTestApp, testSecretKeys } from '../support/test-app.js';
import { anAccount } from '../support/builders/index.js';
import { dataKeyOf, enrolDevice } from './devices-support.js';

const { app, database } = await createTestApp();
// the app's own keys: enrolment reads the same sealed key
const secrets = new SecretBox({ keys: parseSecretKeys(testSecretKeys, 'test keys') });
const deps = { db: database.db, secrets };

const fields: GrantFields = {
  purpose: 'open',
  sessionId: '6f1c1d1e-7d1b-4c39-9b1e-0c0a2d3e4f50',
  deviceId: '0b8e0e63-3f7b-4c4e-8f0e-1a2b3c4d5e6f',
  accountId: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  mode: 'control',
  technicianName: 'Ada Tech',
  companyName: 'Acme',
  consent: { mode: 'ask', seconds: 30 },
  fileMaxBytes: 100 * 1024 * 1024,
};

/** What tandem-agent does: the signature checked against the pinned raw key with node:crypto. */
function verifies(grant: string, rawKey: string): boolean {
  const parts = splitGrant(grant);
  if (!parts) return false;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawKey }, format: 'jwk' });
  return verify(null, parts.payloadBytes, key, parts.signature);
}

describe('session grants', () => {
  it('are made on first use by several processes at once as one key, its private half sealed', async () => {
    // two processes' database handles on the same database, both finding no key
    const [a, b] = await Promise.all([
      grantPublicKey({ db: drizzle(database.pool), secrets }),
      grantPublicKey({ db: drizzle(database.pool), secrets }),
    ]);
    expect(a).toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    const rows = await database.db.select().from(agentGrantKeys);
    expect(rows).toHaveLength(1);
    expect(SecretBox.isSealed(rows[0]!.privateKey)).toBe(true);
    expect(await grantPublicKey(deps)).toBe(a);
  });

  it('verify with node:crypto against the public key, carry the fields, live 60 s with a fresh nonce', async () => {
    const key = await grantPublicKey(deps);
    const now = new Date('2026-12-06T10:00:00Z');
    const grant = await signGrant(deps, fields, now);
    expect(verifies(grant, key)).toBe(true);
    const payload = readGrantPayload(splitGrant(grant)!.payloadBytes);
    expect(payload).toMatchObject({ ...fields, v: 1, iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 60 });
    expect(Buffer.from(payload!.nonce, 'base64url')).toHaveLength(24);
    const again = readGrantPayload(splitGrant(await signGrant(deps, fields, now))!.payloadBytes);
    expect(again!.nonce).not.toBe(payload!.nonce);
  });

  it('fail to verify once the payload or the signature is changed', async () => {
    const key = await grantPublicKey(deps);
    const grant = await signGrant(deps, fields);
    const [payload, signature] = grant.split('.') as [string, string];
    const bytes = Buffer.from(payload, 'base64url');
    const forged = Buffer.from(bytes.toString().replace('"control"', '"view"'));
    expect(forged.equals(bytes)).toBe(false);
    expect(verifies(`${forged.toString('base64url')}.${signature}`, key)).toBe(false);
    const sig = Buffer.from(signature, 'base64url');
    sig[0] = sig[0]! ^ 1;
    expect(verifies(`${payload}.${sig.toString('base64url')}`, key)).toBe(false);
    const otherKey = Buffer.alloc(32, 9).toString('base64url');
    expect(verifies(grant, otherKey)).toBe(false);
  });

  it('enrolment answers the grant key', async () => {
    const account = await anAccount(database.db, { name: 'Grant enrol', companies: 1 });
    const enrolled = await enrolDevice(app, await dataKeyOf(database.db, account.companyIds[0]!));
    expect((enrolled as unknown as { grantKey: string }).grantKey).toBe(await grantPublicKey(deps));
  });
});
