import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCredential, saveCredential, type StoredCredential } from './credential-store.js';

const credential = (): StoredCredential => ({
  server: 'https://tandem.example',
  deviceId: randomUUID(),
  credential: 'tdc_test',
});

describe('the stored credential', () => {
  it('is written whole, for its owner only, with nothing left beside it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-credential-'));
    const file = path.join(dir, 'agent', 'credential.json');
    const first = credential();
    await saveCredential(file, first);
    const second = { ...first, grantKey: 'k'.repeat(43) };
    await Promise.all([saveCredential(file, second), loadCredential(file)]);
    expect(await loadCredential(file)).toEqual(second);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readdir(path.dirname(file))).toEqual(['credential.json']);
  });

  it('leaves nothing beside it when the new one cannot be put in its place', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-credential-'));
    // a folder where the file should be: the rename fails, and the partial file goes
    const file = path.join(dir, 'credential.json');
    await mkdir(path.join(file, 'occupied'), { recursive: true });
    await expect(saveCredential(file, credential())).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['credential.json']);
  });
});
