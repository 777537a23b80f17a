/**
 * Builds the console (dist/console) when it is missing or older than its sources, so that
 * `npm start` on a fresh clone serves a console without a separate build step.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/console');
const stampFile = path.join(outDir, '.source-stamp');
const inputs = ['src/console', 'src/shared', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json'];

function* files(entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) yield* files(path.join(entry, name));
  } else if (!/\.test\.tsx?$/.test(entry)) {
    yield entry;
  }
}

/** A digest of every source file's path and content: a rebuild only when something changed. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const input of inputs) for (const file of files(input)) hash.update(file).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

const stamp = sourceStamp();
const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (current === stamp && existsSync(path.join(outDir, 'index.html'))) {
  process.exit(0);
}
process.stdout.write('Building the console (first start, or its sources changed)…\n');
const { build } = await import('vite');
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(stampFile, stamp);
process.stdout.write('Console built.\n');
