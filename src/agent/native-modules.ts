import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sea from 'node:sea';
import { agentVersion } from './version.js';

/**
 * The native parts (node-datachannel, node-screenshots, @jitsi/robotjs, sharp…) of the packaged agent.
 * A single executable cannot load a `.node` file from inside itself: `npm run build:agent` embeds
 * each native package (its JavaScript, its `.node` files and the libraries they need) as assets,
 * and this module writes them out once, at first use, to an owner-only folder named by the agent's
 * version and the assets' hash, then loads them from there with an ordinary `require`.
 *
 * Only the packaged agent goes through here (the build's esbuild plugin sends these imports here);
 * `npm run agent` imports the packages from node_modules as before. A package that is missing or
 * fails to load throws, and the feature that needed it says so and goes without (no WebRTC: relay only).
 */

/** What the build writes as the asset `native/manifest.json`. */
export interface NativeManifest {
  /** sha256 of every file's path and content, in order */
  hash: string;
  /** the packages embedded for this platform */
  packages: string[];
  /** paths under `node_modules/`, each embedded as the asset `native/<path>` */
  files: string[];
}

export const manifestAsset = 'native/manifest.json';

/** Where the native parts are written: TANDEM_AGENT_CACHE_DIR, or the system's cache folder for the agent. */
export function nativeCacheRoot(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TANDEM_AGENT_CACHE_DIR) return path.resolve(env.TANDEM_AGENT_CACHE_DIR);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? os.tmpdir(), 'tandem-agent', 'cache');
  if (platform === 'linux' && process.getuid?.() === 0) return '/var/cache/tandem-agent';
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'tandem-agent');
}

let extracted: { require: NodeJS.Require; packages: Set<string> } | null = null;

function extractOnce() {
  if (extracted) return extracted;
  const manifest = JSON.parse(sea.getAsset(manifestAsset, 'utf8')) as NativeManifest;
  const root = nativeCacheRoot();
  const folder = path.join(root, `native-${agentVersion}-${manifest.hash.slice(0, 16)}`);
  const done = path.join(folder, '.complete');
  if (!existsSync(done)) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    // written aside then renamed: a start that was cut off never leaves a half folder in use
    const partial = `${folder}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const digest = createHash('sha256');
    for (const file of manifest.files) {
      const bytes = Buffer.from(sea.getAsset(`native/${file}`));
      digest.update(file).update(bytes);
      const target = path.join(partial, 'node_modules', file);
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, bytes, { mode: 0o700 });
    }
    if (digest.digest('hex') !== manifest.hash) throw new Error('the embedded native parts are damaged');
    writeFileSync(path.join(partial, '.complete'), `${manifest.hash}\n`, { mode: 0o600 });
    try {
      renameSync(partial, folder);
    } catch (error) {
      // another start of the agent wrote the same folder first: use that one
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(done)) throw error;
    }
  }
  extracted = {
    require: createRequire(path.join(folder, 'node_modules', 'loader.js')),
    packages: new Set(manifest.packages),
  };
  return extracted;
}

/** A native package of the packaged agent, by name. */
export function loadNative(name: string): unknown {
  if (!sea.isSea()) return createRequire(path.resolve(process.argv[1] ?? 'tandem-agent'))(name);
  let loaded;
  try {
    loaded = extractOnce();
  } catch (error) {
    throw new Error(`cannot write the agent's native parts (${(error as Error).message})`);
  }
  if (!loaded.packages.has(name)) throw new Error(`${name} is not part of this agent's build for ${process.platform}`);
  return loaded.require(name);
}
