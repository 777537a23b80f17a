import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildOnlyDependencies, root, type Target } from './layout.js';
import { registryPackage } from './registry.js';

/** Sources, headers, types, maps, debug symbols and docs: never needed to load a package. */
const skipped =
  /(\.(md|markdown|d\.ts|d\.cts|d\.mts|ts|map|pdb|h|hpp|c|cc|cpp|gyp|gypi|cmake)|CMakeLists\.txt|\/src\/.*)$/i;

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Does a platform package's name say it is for this target (`…-linux-x64-gnu`, `…-win32-x64-msvc`, `sharp-libvips-linux-x64`)? */
export function isFor(target: Target, name: string): boolean {
  const [os] = target.split('-') as [string];
  return new RegExp(`[-/](libvips-)?${os === 'win32' ? 'win32' : 'linux'}-x64(-gnu|-msvc)?$`).test(name);
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(folder, relative);
    return entry.isFile() ? [relative] : [];
  });
}

/**
 * Every file the native packages need on a target, as `node_modules/`-relative path → file here:
 * each package, its run-time dependencies, and its prebuilt binary package for the target (from this
 * node_modules for Linux, from the npm registry for Windows). Prebuilds for other platforms are left out.
 */
export function nativeFiles(target: Target, packages: string[]): { files: Map<string, string>; missing: string[] } {
  const files = new Map<string, string>();
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, version?: string) => {
    if (seen.has(name) || buildOnlyDependencies.has(name)) return;
    seen.add(name);
    let folder = path.join(root, 'node_modules', name);
    let manifest: PackageJson;
    try {
      manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as PackageJson;
      if (version && manifest.version !== version) throw new Error('another version');
    } catch {
      if (!version) throw new Error(`${name} is not installed`);
      try {
        folder = registryPackage(name, version);
        manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as PackageJson;
      } catch (error) {
        missing.push(`${name}@${version}: ${(error as Error).message.split('\n')[0]}`);
        return;
      }
    }
    for (const file of listFiles(folder)) {
      if (skipped.test(`/${file}`)) continue;
      const prebuild = /^prebuilds\/([^/]+)\//.exec(file);
      if (prebuild && !prebuild[1]!.startsWith(target)) continue;
      files.set(`${name}/${file}`, path.join(folder, file));
    }
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
    for (const [optional, wanted] of Object.entries(manifest.optionalDependencies ?? {}))
      if (isFor(target, optional)) visit(optional, wanted.replace(/^[\^~]/, ''));
  };
  for (const name of packages) visit(name);
  return { files, missing };
}
