import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../shared/remote/grant.js';
import type { ScriptGrantPayload } from '../../shared/remote/script-grant.js';
import { GrantVerifier } from '../remote/grant-verifier.js';
import { ScriptGrantChecker } from './script-grants.js';

const keys = generateKeyPairSync('ed25519');
const pinned = (keys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
const deviceId = randomUUID();

function grant(overrides: Partial<ScriptGrantPayload> = {}, key = keys.privateKey) {
  const iat = Math.floor(Date.now() / 1000);
  const payload: ScriptGrantPayload = {
    v: 1,
    purpose: 'script',
    resultId: randomUUID(),
    runId: randomUUID(),
    deviceId,
    accountId: randomUUID(),
    shell: 'sh',
    timeoutSeconds: 60,
    bodySha256: 'a'.repeat(64),
    iat,
    exp: iat + 60,
    nonce: randomUUID(),
    ...overrides,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return `${toBase64Url(bytes)}.${toBase64Url(sign(null, bytes, key))}`;
}

const checker = () => new ScriptGrantChecker(new GrantVerifier({ deviceId, grantKey: pinned }), deviceId);

describe('ScriptGrantChecker', () => {
  it('accepts a grant the pinned key signed for this device, once', () => {
    const c = checker();
    const g = grant();
    expect(c.check(g).ok).toBe(true);
    expect(c.check(g)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses another key, another device, an expired grant, a session grant, and no pinned key', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(checker().check(grant({}, other))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checker().check(grant({ deviceId: randomUUID() }))).toEqual({ ok: false, reason: 'other_device' });
    const old = Math.floor(Date.now() / 1000) - 600;
    expect(checker().check(grant({ iat: old, exp: old + 60 }))).toEqual({ ok: false, reason: 'expired' });
    expect(checker().check(grant({ purpose: 'open' as 'script' }))).toEqual({ ok: false, reason: 'malformed' });
    const unpinned = new ScriptGrantChecker(new GrantVerifier({ deviceId }), deviceId);
    expect(unpinned.check(grant())).toEqual({ ok: false, reason: 'no_key' });
  });
});
