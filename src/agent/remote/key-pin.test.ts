import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCredential, saveCredential, type StoredCredential } from '../credential-store.js';
import { GrantVerifier } from './grant-verifier.js';
import { pinGrantKey } from './key-pin.js';

const rawKey = () => (generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as { x: string }).x;

describe('pinGrantKey', () => {
  it('pins the first key in the credential file and refuses to replace it with another', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-pin-'));
    const file = path.join(dir, 'credential.json');
    const stored: StoredCredential = {
      server: 'https://tandem.example',
      deviceId: randomUUID(),
      credential: 'tdc_secret',
    };
    await saveCredential(file, stored);
    const verifier = new GrantVerifier({ deviceId: stored.deviceId });
    const lines: string[] = [];
    const first = rawKey();
    expect(await pinGrantKey({ file, stored, verifier, key: first, log: (l) => lines.push(l) })).toBe('pinned');
    expect((await loadCredential(file)).grantKey).toBe(first);
    expect(await pinGrantKey({ file, stored, verifier, key: first, log: (l) => lines.push(l) })).toBe('same');

    const second = rawKey();
    expect(await pinGrantKey({ file, stored, verifier, key: second, log: (l) => lines.push(l) })).toBe('changed');
    expect((await loadCredential(file)).grantKey).toBe(first);
    expect(verifier.keyChanged).toBe(true);
    expect(lines.at(-1)).toMatch(/not the pinned one/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ grantKey: first });
  });
});
