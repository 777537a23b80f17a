import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './layout.js';
import { run } from './run.js';

const sri = (file: string) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;

/**
 * A package from the npm registry, unpacked in the build's cache folder (`npm pack`, then tar).
 * The tarball's sha512 is checked against the registry's `dist.integrity` when it is fetched, and
 * against that recorded value on every later build (no network then). Returns the unpacked folder.
 */
export function registryPackage(name: string, version: string): string {
  const tarballs = path.join(cacheDir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const base = `${name.replace(/^@/, '').replace('/', '-')}-${version}`;
  const tarball = path.join(tarballs, `${base}.tgz`);
  const recorded = `${tarball}.integrity`;
  if (!existsSync(tarball) || !existsSync(recorded) || readFileSync(recorded, 'utf8').trim() !== sri(tarball)) {
    const expected = JSON.parse(
      run('npm', ['view', `${name}@${version}`, 'dist.integrity', '--json'], { quiet: true }),
    ) as string;
    const packed = JSON.parse(
      run('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', tarballs], { quiet: true }),
    ) as { filename: string }[];
    const fetched = path.join(tarballs, packed[0]!.filename);
    if (sri(fetched) !== expected)
      throw new Error(`${name}@${version}: the tarball does not match the registry's integrity`);
    if (fetched !== tarball) renameSync(fetched, tarball);
    writeFileSync(recorded, `${expected}\n`);
  }
  const unpacked = path.join(cacheDir, 'packages', base);
  if (!existsSync(path.join(unpacked, 'package.json'))) {
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
  }
  return unpacked;
}
