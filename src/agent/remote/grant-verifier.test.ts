import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64Url, type GrantPayload } from '../../shared/remote/grant.js';
import { GrantVerifier } from './grant-verifier.js';

function serverKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { raw: x, privateKey };
}

const deviceId = randomUUID();
const sessionId = randomUUID();
const now = 1_800_000_000_000;

function payload(overrides: Partial<GrantPayload> = {}): GrantPayload {
  const iat = Math.floor(now / 1000);
  return {
    v: 1,
    purpose: 'open',
    sessionId,
    deviceId,
    accountId: randomUUID(),
    mode: 'control',
    technicianName: 'Ada Lovelace',
    companyName: 'Acme',
    consent: { mode: 'ask', seconds: 30 },
    fileMaxBytes: 100 * 1024 * 1024,
    iat,
    exp: iat + 60,
    nonce: randomUUID(),
    ...overrides,
  };
}

function signGrant(privateKey: KeyObject, body: GrantPayload): string {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return `${toBase64Url(bytes)}.${toBase64Url(sign(null, bytes, privateKey))}`;
}

describe('GrantVerifier', () => {
  const server = serverKeys();
  const verifier = (at = now) => new GrantVerifier({ deviceId, grantKey: server.raw, now: () => at });

  it('accepts a grant signed by the pinned key for this device, session and purpose', () => {
    const body = payload();
    const check = verifier().verify(signGrant(server.privateKey, body), { purpose: 'open' });
    expect(check).toEqual({ ok: true, payload: body });
  });

  it('refuses a grant signed by another key', () => {
    const other = serverKeys();
    expect(verifier().verify(signGrant(other.privateKey, payload()), { purpose: 'open' })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a grant for another device', () => {
    const grant = signGrant(server.privateKey, payload({ deviceId: randomUUID() }));
    expect(verifier().verify(grant, { purpose: 'open' })).toEqual({ ok: false, reason: 'other_device' });
  });

  it('refuses an expired grant, allowing a little clock skew', () => {
    const grant = signGrant(server.privateKey, payload());
    expect(verifier(now + 85_000).verify(grant, { purpose: 'open' }).ok).toBe(true);
    expect(verifier(now + 95_000).verify(grant, { purpose: 'open' })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a nonce seen before, for as long as the grant lives', () => {
    const v = verifier();
    const grant = signGrant(server.privateKey, payload());
    expect(v.verify(grant, { purpose: 'open' }).ok).toBe(true);
    expect(v.verify(grant, { purpose: 'open' })).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses a tampered payload', () => {
    const grant = signGrant(server.privateKey, payload({ mode: 'view' }));
    const [body, signature] = grant.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(body, 'base64url').toString()) as GrantPayload;
    const tampered = `${toBase64Url(new TextEncoder().encode(JSON.stringify({ ...json, mode: 'control' })))}.${signature}`;
    expect(verifier().verify(tampered, { purpose: 'open' })).toEqual({ ok: false, reason: 'bad_signature' });
    for (const text of ['not-a-grant', 'a.b', 'abcde.abcde', ''])
      expect(verifier().verify(text, { purpose: 'open' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses another purpose or another session than expected', () => {
    const relay = signGrant(server.privateKey, payload({ purpose: 'relay', relayId: 'r1' }));
    expect(verifier().verify(relay, { purpose: ['open', 'resume'] })).toEqual({ ok: false, reason: 'wrong_purpose' });
    const open = signGrant(server.privateKey, payload());
    expect(verifier().verify(open, { purpose: 'open', sessionId: randomUUID() })).toEqual({
      ok: false,
      reason: 'other_session',
    });
  });

  it('pins the first key, and refuses every grant once a different key is offered', () => {
    const v = new GrantVerifier({ deviceId, now: () => now });
    expect(v.verify(signGrant(server.privateKey, payload()), { purpose: 'open' })).toEqual({
      ok: false,
      reason: 'no_key',
    });
    expect(v.pin('too-short')).toBe('invalid');
    expect(v.pin(server.raw)).toBe('pinned');
    expect(v.pin(server.raw)).toBe('same');
    expect(v.verify(signGrant(server.privateKey, payload()), { purpose: 'open' }).ok).toBe(true);
    const other = serverKeys();
    expect(v.pin(other.raw)).toBe('changed');
    expect(v.verify(signGrant(server.privateKey, payload()), { purpose: 'open' })).toEqual({
      ok: false,
      reason: 'key_changed',
    });
    expect(v.verify(signGrant(other.privateKey, payload()), { purpose: 'open' })).toEqual({
      ok: false,
      reason: 'key_changed',
    });
  });
});
