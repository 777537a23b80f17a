import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSecretKeyLine, parseSecretKeys, SecretBox, SecretBoxError } from './secret-box.js';

const keyOf = (id: string) => parseSecretKeys(`${id}:${Buffer.alloc(32, id.length).toString('base64')}`, 'test')[0]!;

describe('SecretBox', () => {
  it('seals so that the plain text is not in the stored value, and opens it again', () => {
    const box = new SecretBox({ keys: [keyOf('k1')] });
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1:k1:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered value and a value sealed with an unknown key', () => {
    const box = new SecretBox({ keys: [keyOf('k1')] });
    const sealed = box.seal('secret');
    const parts = sealed.split(':');
    parts[4] = Buffer.from('other!').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow();
    expect(() => new SecretBox({ keys: [keyOf('k22')] }).open(sealed)).toThrow(SecretBoxError);
  });

  it('rotates: the first key seals, every key opens, and older values are due for resealing', () => {
    const old = new SecretBox({ keys: [keyOf('k1')] });
    const sealedBefore = old.seal('secret');
    const rotated = new SecretBox({ keys: [keyOf('k2'), keyOf('k1')] });
    expect(rotated.open(sealedBefore)).toBe('secret');
    expect(rotated.needsReseal(sealedBefore)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('secret'))).toBe(false);
    expect(rotated.needsReseal('PLAINSECRET')).toBe(true);
    expect(rotated.reveal('PLAINSECRET')).toBe('PLAINSECRET');
  });

  it('creates its key file, readable by its owner only, when a secret is first sealed', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-keys-')), 'data-secret.key');
    const box = new SecretBox({ keyFile: file });
    const sealed = box.seal('secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new SecretBox({ keyFile: file }).open(sealed)).toBe('secret');
    expect(readFileSync(file, 'utf8')).toMatch(/^k[0-9a-f]{8}:/);
  });

  it('reads keys written "id:key", and says how to write one otherwise', () => {
    expect(parseSecretKeys(`${newSecretKeyLine()},\n${newSecretKeyLine()}`, 'x')).toHaveLength(2);
    expect(() => parseSecretKeys('k1:short', 'TANDEM_SECRET_KEYS')).toThrow(/32 random bytes/);
    expect(() => parseSecretKeys(' ', 'TANDEM_SECRET_KEYS')).toThrow(/no key/);
  });
});
