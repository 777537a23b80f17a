import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { grantLifetimeSeconds, grantPayloadSchema, type GrantPayload } from '../../../shared/remote/grant.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Db } from '../../platform/db/pool.js';
import { insertGrantKey, readGrantKey } from './repository.js';

/** What signing a grant needs: the database holding the key and the box its private half is sealed in. */
export interface GrantDeps {
  db: Db;
  secrets: SecretBox;
}

/** What a caller fills in; the version, times and nonce are the signer's. */
export type GrantFields = Omit<GrantPayload, 'v' | 'iat' | 'exp' | 'nonce'>;

interface GrantKey {
  /** base64url of the raw 32-byte Ed25519 public key, as agents pin it */
  publicKey: string;
  privateKey: KeyObject;
}

// one read per database (a process's app), kept: the key never changes once made
const loaded = new WeakMap<Db, Promise<GrantKey>>();

function rawPublicKey(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (!x) throw new Error('an Ed25519 public key without its x');
  return Buffer.from(x, 'base64url');
}

/**
 * The server's grant key, made on first use: two processes making it at once both insert, the
 * first row wins (`on conflict do nothing`) and both read it back, so every process signs with one key.
 */
async function loadGrantKey({ db, secrets }: GrantDeps): Promise<GrantKey> {
  let row = await readGrantKey(db);
  if (!row) {
    const pair = generateKeyPairSync('ed25519');
    const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    await insertGrantKey(db, {
      publicKey: rawPublicKey(pair.publicKey),
      privateKey: secrets.seal(der.toString('base64')),
    });
    row = await readGrantKey(db);
    if (!row) throw new Error('the grant key was neither inserted nor found');
  }
  const privateKey = createPrivateKey({
    key: Buffer.from(secrets.open(row.privateKey), 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  if (!rawPublicKey(createPublicKey(privateKey)).equals(row.publicKey))
    throw new Error('agent_grant_keys: the private key does not match the public key');
  return { publicKey: row.publicKey.toString('base64url'), privateKey };
}

function grantKeyOf(deps: GrantDeps): Promise<GrantKey> {
  let key = loaded.get(deps.db);
  if (!key) {
    key = loadGrantKey(deps);
    loaded.set(deps.db, key);
    // a failed read (the database gone) is tried again next time
    key.catch(() => loaded.delete(deps.db));
  }
  return key;
}

/** The server's grant key as agents pin it: base64url of the raw 32-byte Ed25519 public key. */
export async function grantPublicKey(deps: GrantDeps): Promise<string> {
  return (await grantKeyOf(deps)).publicKey;
}

/**
 * A session grant (src/shared/remote/grant.ts) signed now: valid `grantLifetimeSeconds`, with a
 * nonce of 24 random bytes the agent accepts once. Text form: `b64url(payload).b64url(signature)`.
 */
export async function signGrant(deps: GrantDeps, fields: GrantFields, now = new Date()): Promise<string> {
  const { privateKey } = await grantKeyOf(deps);
  const iat = Math.floor(now.getTime() / 1000);
  const payload = grantPayloadSchema.parse({
    ...fields,
    v: 1,
    iat,
    exp: iat + grantLifetimeSeconds,
    nonce: randomBytes(24).toString('base64url'),
  });
  const bytes = Buffer.from(JSON.stringify(payload));
  return `${bytes.toString('base64url')}.${sign(null, bytes, privateKey).toString('base64url')}`;
}

/**
 * Any other signed payload for agents (script grants, src/shared/remote/script-grant.ts) in the
 * grants' text form, `b64url(JSON payload).b64url(signature)`, signed by the same key.
 */
export async function signForAgent(deps: GrantDeps, payload: object): Promise<string> {
  const { privateKey } = await grantKeyOf(deps);
  const bytes = Buffer.from(JSON.stringify(payload));
  return `${bytes.toString('base64url')}.${sign(null, bytes, privateKey).toString('base64url')}`;
}
