/**
 * Builds the console (dist/console) and the customer portal (dist/portal) when either is missing
 * or older than its sources, so that `npm start` on a fresh clone serves both without a separate
 * build step.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apps = [
  { name: 'console', outDir: path.join(root, 'dist/console'), inputs: ['src/console', 'src/shared', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json'] },
  { name: 'portal', outDir: path.join(root, 'dist/portal'), inputs: ['src/portal', 'src/shared', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json'] },
];

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
function sourceStamp(inputs: string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) for (const file of files(input)) hash.update(file).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

for (const app of apps) {
  const stampFile = path.join(app.outDir, '.source-stamp');
  const stamp = sourceStamp(app.inputs);
  const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (current === stamp && existsSync(path.join(app.outDir, 'index.html'))) continue;
  process.stdout.write(`Building the ${app.name} (first start, or its sources changed)…\n`);
  process.env.TANDEM_APP = app.name;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, stamp);
  process.stdout.write(`The ${app.name} is built.\n`);
}
