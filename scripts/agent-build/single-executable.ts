import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeManifest } from '../../src/agent/native-modules.js';
import { cacheDir, nodePackage, nodeVersion, root, type Target } from './layout.js';
import { registryPackage } from './registry.js';
import { run } from './run.js';

/** The sentinel Node looks for to know a blob was injected (Node's documentation). */
const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * One single executable: Node's official binary for the target with the bundled agent and the
 * native files injected (Node's single-executable applications, postject). The blob is prepared by
 * the Linux binary of the same Node version (no code cache, no snapshot: the blob is the same for every platform).
 */
export function singleExecutable(target: Target, bundle: string, native: Map<string, string>, output: string): void {
  const work = path.join(cacheDir, `sea-${target}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const files = [...native.keys()].sort();
  const digest = createHash('sha256');
  const assets: Record<string, string> = {};
  for (const file of files) {
    digest.update(file).update(readFileSync(native.get(file)!));
    assets[`native/${file}`] = native.get(file)!;
  }
  const packages = [
    ...new Set(
      files.map((f) =>
        f
          .split('/')
          .slice(0, f.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
    ),
  ];
  const manifest: NativeManifest = { hash: digest.digest('hex'), packages, files };
  writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest));
  assets['native/manifest.json'] = path.join(work, 'manifest.json');
  const blob = path.join(work, 'agent.blob');
  writeFileSync(
    path.join(work, 'sea-config.json'),
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
      assets,
    }),
  );
  const hostNode = path.join(
    registryPackage(nodePackage['linux-x64'].name, nodeVersion),
    nodePackage['linux-x64'].binary,
  );
  run(hostNode, ['--experimental-sea-config', path.join(work, 'sea-config.json')], { quiet: true });
  rmSync(output, { force: true });
  copyFileSync(path.join(registryPackage(nodePackage[target].name, nodeVersion), nodePackage[target].binary), output);
  chmodSync(output, 0o755);
  run(
    path.join(root, 'node_modules/.bin/postject'),
    [output, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', fuse, ...(target === 'win32-x64' ? ['--overwrite'] : [])],
    { quiet: true },
  );
}
