/**
 * `npm run build:agent`: the packaged tandem-agent in dist/agent/ — the bundle, the Linux and Windows
 * single executables, the Debian package and the Windows installer. Node's binaries and the Windows
 * native packages come from the npm registry into .cache/agent-build/ (kept: later builds need no network).
 * `--only linux` builds the Linux executable and the .deb alone.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { agentVersion } from '../../src/agent/version.js';
import { bundleAgent } from './bundle.js';
import { debPackage } from './deb.js';
import { cacheDir, distDir, type Target } from './layout.js';
import { msiPackage } from './msi.js';
import { nativeFiles } from './native-files.js';
import { singleExecutable } from './single-executable.js';

const onlyLinux = process.argv.includes('--only') && process.argv.includes('linux');
const started = Date.now();
const step = (what: string) => console.log(`build:agent ${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

mkdirSync(distDir, { recursive: true });
mkdirSync(cacheDir, { recursive: true });
const bundle = path.join(cacheDir, 'tandem-agent.cjs');
const used = await bundleAgent(bundle);
step(`bundled (native parts: ${used.join(', ')})`);

const outputs: { file: string; platform: string; kind: string; native: string[]; left: string[] }[] = [];
const executable = (target: Target, name: string) => {
  const { files, missing } = nativeFiles(target, used);
  const file = path.join(distDir, name);
  singleExecutable(target, bundle, files, file);
  const native = used.filter((p) => [...files.keys()].some((f) => f.startsWith(`${p}/`)));
  step(
    `${name} (${(statSync(file).size / 1e6).toFixed(0)} MB)${missing.length ? `; left out: ${missing.join('; ')}` : ''}`,
  );
  return { file, native, missing };
};

const linux = executable('linux-x64', 'tandem-agent-linux-x64');
outputs.push({
  file: linux.file,
  platform: 'linux-x64',
  kind: 'executable',
  native: linux.native,
  left: linux.missing,
});
const deb = path.join(distDir, `tandem-agent_${agentVersion}_amd64.deb`);
debPackage(linux.file, agentVersion, deb);
outputs.push({ file: deb, platform: 'linux-x64', kind: 'deb', native: linux.native, left: linux.missing });
step(path.basename(deb));

if (!onlyLinux) {
  const windows = executable('win32-x64', 'tandem-agent-win-x64.exe');
  outputs.push({
    file: windows.file,
    platform: 'win32-x64',
    kind: 'executable',
    native: windows.native,
    left: windows.missing,
  });
  const msi = path.join(distDir, `tandem-agent-${agentVersion}-x64.msi`);
  msiPackage(windows.file, agentVersion, msi);
  outputs.push({ file: msi, platform: 'win32-x64', kind: 'msi', native: windows.native, left: windows.missing });
  step(path.basename(msi));
}

// what the server's download route lists
writeFileSync(
  path.join(distDir, 'manifest.json'),
  `${JSON.stringify(
    {
      version: agentVersion,
      builtAt: new Date().toISOString(),
      files: outputs.map((o) => ({ ...o, file: path.basename(o.file), bytes: statSync(o.file).size })),
    },
    null,
    2,
  )}\n`,
);
step('done');
