import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one holding package.json and migrations/), found by walking up from
 * this module: the same answer whether the server runs from its sources (src/server/…) or from
 * its bundle (dist/server/main.js). Files the server reads at run time are named from here.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project folder (package.json and migrations/) above ${from}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `projectPath('dist', 'console')`. */
export const projectPath = (...parts: string[]): string => path.join(projectRoot, ...parts);
