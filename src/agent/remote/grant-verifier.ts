import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { fromBase64Url, readGrantPayload, splitGrant, type GrantPayload } from '../../shared/remote/grant.js';

export type GrantPurpose = GrantPayload['purpose'];

/** Why a grant was refused (logged by the agent; the server only learns `refused_grant`). */
export type GrantRefusal =
  | 'malformed'
  | 'no_key'
  | 'key_changed'
  | 'bad_signature'
  | 'other_device'
  | 'other_session'
  | 'wrong_purpose'
  | 'expired'
  | 'replayed';

export type GrantCheck = { ok: true; payload: GrantPayload } | { ok: false; reason: GrantRefusal };

/** What pinning a key did: first key kept, same key again, or a different key (every grant refused from then on). */
export type PinResult = 'pinned' | 'same' | 'changed' | 'invalid';

/** A grant may not claim to live longer than this: it bounds how long nonces are remembered. */
const longestLifeSeconds = 10 * 60;

/** `fromBase64Url` throws (atob) on some impossible lengths: a malformed grant, not an error. */
function safely<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The server's Ed25519 public key from its raw 32 bytes (base64url), or null when it is not one. */
export function grantPublicKey(raw: string): KeyObject | null {
  try {
    const bytes = fromBase64Url(raw);
    if (!bytes || bytes.byteLength !== 32) return null;
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
  } catch {
    return null;
  }
}

/**
 * Checks the session grants the server signs (src/shared/remote/grant.ts): the signature is the
 * pinned server key's, the grant names this device (and the expected session and purpose), it has not
 * expired (a few seconds of clock skew allowed), and its nonce was not seen before. A nonce is
 * remembered until its grant's expiry, so a replayed grant is refused for as long as it would be valid.
 * Once a different server key has been offered, every grant is refused until the agent is enrolled again.
 */
export class GrantVerifier {
  readonly #deviceId: string;
  readonly #now: () => number;
  readonly #skew: number;
  #keyText: string | null = null;
  #key: KeyObject | null = null;
  #keyChanged = false;
  readonly #nonces = new Map<string, number>();

  constructor(options: { deviceId: string; grantKey?: string | null; now?: () => number; skewSeconds?: number }) {
    this.#deviceId = options.deviceId;
    this.#now = options.now ?? Date.now;
    this.#skew = options.skewSeconds ?? 30;
    if (options.grantKey) this.pin(options.grantKey);
  }

  get pinnedKey(): string | null {
    return this.#keyText;
  }

  /** True once a key other than the pinned one was offered. */
  get keyChanged(): boolean {
    return this.#keyChanged;
  }

  /** Pins the server's key the first time; a different key later is refused and turns every grant down. */
  pin(keyText: string): PinResult {
    const key = grantPublicKey(keyText);
    if (!key) return 'invalid';
    if (this.#keyText === null) {
      this.#keyText = keyText;
      this.#key = key;
      return 'pinned';
    }
    if (this.#keyText === keyText) return 'same';
    this.#keyChanged = true;
    return 'changed';
  }

  verify(grant: string, expect: { purpose: GrantPurpose | readonly GrantPurpose[]; sessionId?: string }): GrantCheck {
    if (this.#keyChanged) return { ok: false, reason: 'key_changed' };
    if (!this.#key) return { ok: false, reason: 'no_key' };
    const parts = safely(() => splitGrant(grant));
    if (!parts) return { ok: false, reason: 'malformed' };
    let valid = false;
    try {
      valid = verify(null, parts.payloadBytes, this.#key, parts.signature);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad_signature' };
    const payload = readGrantPayload(parts.payloadBytes);
    if (!payload) return { ok: false, reason: 'malformed' };
    if (payload.deviceId !== this.#deviceId) return { ok: false, reason: 'other_device' };
    if (expect.sessionId !== undefined && payload.sessionId !== expect.sessionId)
      return { ok: false, reason: 'other_session' };
    const purposes: readonly GrantPurpose[] = typeof expect.purpose === 'string' ? [expect.purpose] : expect.purpose;
    if (!purposes.includes(payload.purpose)) return { ok: false, reason: 'wrong_purpose' };
    const now = Math.floor(this.#now() / 1000);
    if (payload.exp + this.#skew < now || payload.iat - this.#skew > now) return { ok: false, reason: 'expired' };
    if (payload.exp - payload.iat > longestLifeSeconds) return { ok: false, reason: 'malformed' };
    this.#forgetExpired(now);
    if (this.#nonces.has(payload.nonce)) return { ok: false, reason: 'replayed' };
    this.#nonces.set(payload.nonce, payload.exp + this.#skew);
    return { ok: true, payload };
  }

  #forgetExpired(now: number) {
    for (const [nonce, until] of this.#nonces) if (until < now) this.#nonces.delete(nonce);
  }
}
