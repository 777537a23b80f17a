import { verify } from 'node:crypto';
import { splitGrant } from '../../shared/remote/grant.js';
import { readScriptGrantPayload, type ScriptGrantPayload } from '../../shared/remote/script-grant.js';
import { grantPublicKey, type GrantVerifier } from '../remote/grant-verifier.js';

export type ScriptGrantCheck =
  | { ok: true; payload: ScriptGrantPayload }
  | {
      ok: false;
      reason: 'no_key' | 'key_changed' | 'malformed' | 'bad_signature' | 'other_device' | 'expired' | 'replayed';
    };

const skewSeconds = 30;
const longestLifeSeconds = 10 * 60;

/**
 * Checks script grants as session grants are checked (src/agent/remote/grant-verifier.ts): the key
 * pinned by the session verifier (none, or one that changed: refused), this device, not expired (30 s
 * of clock skew), a nonce never seen (remembered until the grant's expiry).
 */
export class ScriptGrantChecker {
  readonly #nonces = new Map<string, number>();

  constructor(
    private readonly verifier: GrantVerifier,
    private readonly deviceId: string,
    private readonly now: () => number = Date.now,
  ) {}

  check(grant: string): ScriptGrantCheck {
    if (this.verifier.keyChanged) return { ok: false, reason: 'key_changed' };
    const key = this.verifier.pinnedKey ? grantPublicKey(this.verifier.pinnedKey) : null;
    if (!key) return { ok: false, reason: 'no_key' };
    let parts: ReturnType<typeof splitGrant> = null;
    try {
      parts = splitGrant(grant);
    } catch {
      parts = null;
    }
    if (!parts) return { ok: false, reason: 'malformed' };
    let valid = false;
    try {
      valid = verify(null, parts.payloadBytes, key, parts.signature);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad_signature' };
    const payload = readScriptGrantPayload(parts.payloadBytes);
    if (!payload || payload.exp - payload.iat > longestLifeSeconds) return { ok: false, reason: 'malformed' };
    if (payload.deviceId !== this.deviceId) return { ok: false, reason: 'other_device' };
    const now = Math.floor(this.now() / 1000);
    if (payload.exp + skewSeconds < now || payload.iat - skewSeconds > now) return { ok: false, reason: 'expired' };
    for (const [nonce, until] of this.#nonces) if (until < now) this.#nonces.delete(nonce);
    if (this.#nonces.has(payload.nonce)) return { ok: false, reason: 'replayed' };
    this.#nonces.set(payload.nonce, payload.exp + skewSeconds);
    return { ok: true, payload };
  }
}
