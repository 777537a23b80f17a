import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../lib/tandem-process.js';

/**
 * A project folder for one Tandem of the P16 bench: the server's bundle and the console copied
 * (the console from dist/console, or from BENCH_CONSOLE_DIR to measure another build of it), the
 * floor page beside the console's files, the rest linked to the repository (the console built for
 * Node, dist/console-render, among them: the server draws signed-in pages with it). The server finds its
 * project folder by walking up from its bundle, so it serves this console, and nothing is written
 * into the shared dist/ folder.
 */
export const floorFile = 'bench-floor.html';

export function consoleTree(): { root: string; consoleDir: string; remove(): void } {
  const consoleDir = path.resolve(process.env.BENCH_CONSOLE_DIR ?? path.join(repoRoot, 'dist', 'console'));
  if (!existsSync(path.join(consoleDir, 'index.html'))) {
    throw new Error(`no console build in ${consoleDir}: run npm run build first`);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-tree-'));
  copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  for (const linked of ['migrations', 'node_modules', 'src'])
    symlinkSync(path.join(repoRoot, linked), path.join(root, linked));
  mkdirSync(path.join(root, 'dist'));
  symlinkSync(path.join(repoRoot, 'dist', 'portal'), path.join(root, 'dist', 'portal'));
  // the console built for Node, with which the server draws signed-in pages
  const renderDir = path.join(repoRoot, 'dist', 'console-render');
  if (!existsSync(path.join(renderDir, 'server-entry.js')))
    throw new Error(`no console render build in ${renderDir}: run npm run build first`);
  symlinkSync(renderDir, path.join(root, 'dist', 'console-render'));
  cpSync(path.join(repoRoot, 'dist', 'server'), path.join(root, 'dist', 'server'), { recursive: true });
  cpSync(consoleDir, path.join(root, 'dist', 'console'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'bench', 'pages', 'floor.html'), path.join(root, 'dist', 'console', floorFile));
  return {
    root,
    consoleDir: path.join(root, 'dist', 'console'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
