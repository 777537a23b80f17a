import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Secrets Tandem must read back (authenticator secrets), sealed with AES-256-GCM under a key kept
 * outside the database: a copy of the database alone does not give them away. Sealed values read
 * `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). Several keys may be known: the first seals,
 * every one opens — how keys are rotated (docs/SECURITY.md).
 *
 * Keys come from `TANDEM_SECRET_KEYS` (`id:base64key`, comma-separated) or, without it, from a
 * key file (`TANDEM_SECRET_KEY_FILE`, one `id:base64key` per line), created with one new key the
 * first time a secret is sealed. Nothing is read before a secret is first sealed or opened.
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const version = 'v1';

export class SecretBoxError extends Error {}

/** Parses `id:base64key` entries (comma- or line-separated); throws a readable error. */
export function parseSecretKeys(text: string, source: string): SecretKey[] {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'));
  if (entries.length === 0) throw new SecretBoxError(`${source} holds no key`);
  return entries.map((entry) => {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/_=-]{40,64})$/.exec(entry);
    const key = match ? Buffer.from(match[2]!, 'base64') : null;
    if (!match || key?.length !== 32) {
      throw new SecretBoxError(
        `${source}: each key is written "id:key", the key being 32 random bytes in base64 (e.g. "k1:$(head -c 32 /dev/urandom | base64)")`,
      );
    }
    return { id: match[1]!, key };
  });
}

/** A new key line for a key file. */
export function newSecretKeyLine(): string {
  return `k${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`;
}

export class SecretBox {
  #keys: SecretKey[] | null;

  /** `keys` given, or read (and created when missing) from `keyFile` when first needed. */
  constructor(private readonly source: { keys?: SecretKey[]; keyFile?: string }) {
    this.#keys = source.keys ?? null;
  }

  private keys(): SecretKey[] {
    if (this.#keys) return this.#keys;
    const file = this.source.keyFile;
    if (!file) throw new SecretBoxError('No secret key: set TANDEM_SECRET_KEYS or TANDEM_SECRET_KEY_FILE');
    if (!existsSync(file)) {
      writeFileSync(file, `${newSecretKeyLine()}\n`, { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    this.#keys = parseSecretKeys(readFileSync(file, 'utf8'), file);
    return this.#keys;
  }

  /** The id of the key that seals: a value sealed with another one is due for `reseal`. */
  currentKeyId(): string {
    return this.keys()[0]!.id;
  }

  seal(plain: string): string {
    const { id, key } = this.keys()[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      version,
      id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      sealed.toString('base64url'),
    ].join(':');
  }

  open(stored: string): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== version) throw new SecretBoxError('not a sealed value');
    const [, id, iv, tag, sealed] = parts as [string, string, string, string, string];
    const known = this.keys().find((k) => k.id === id);
    if (!known) throw new SecretBoxError(`sealed with key "${id}", which is not among the configured keys`);
    const decipher = createDecipheriv('aes-256-gcm', known.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether a stored value is sealed (by any key); older rows may hold plain text until resealed. */
  static isSealed(stored: string): boolean {
    return stored.startsWith(`${version}:`);
  }

  /** A stored value, sealed or plain, as plain text. */
  reveal(stored: string): string {
    return SecretBox.isSealed(stored) ? this.open(stored) : stored;
  }

  /** Whether a stored value needs sealing again with the current key. */
  needsReseal(stored: string): boolean {
    return !stored.startsWith(`${version}:${this.currentKeyId()}:`);
  }
}

/** The box of a configuration: its keys, or its key file. */
export function secretBoxFor(config: { secretKeys: SecretKey[] | undefined; secretKeyFile: string }): SecretBox {
  return new SecretBox(config.secretKeys ? { keys: config.secretKeys } : { keyFile: config.secretKeyFile });
}
