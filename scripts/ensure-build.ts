/**
 * Builds what `npm start` runs when it is missing or older than its sources: the console
 * (dist/console) and the same built for Node, with which the server draws signed-in pages
 * (dist/console-render), the customer portal (dist/portal) and the server (dist/server/main.js, one
 * ES module bundled by esbuild with node_modules left outside), so a fresh clone starts with no
 * separate build step and a start never spends time compiling TypeScript.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = ['src/shared', 'package-lock.json', 'scripts/ensure-build.ts'];

interface Target {
  name: string;
  outDir: string;
  /** the file whose presence says a build finished */
  output: string;
  inputs: string[];
  build(): Promise<void>;
}

async function viteBuild(app: string): Promise<void> {
  process.env.TANDEM_APP = app;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const targets: Target[] = [
  {
    name: 'console',
    outDir: 'dist/console',
    output: 'index.html',
    inputs: ['src/console', 'vite.config.ts', 'postcss.config.cjs', ...shared],
    build: () => viteBuild('console'),
  },
  {
    name: 'console-render',
    outDir: 'dist/console-render',
    output: 'server-entry.js',
    inputs: ['src/console', 'vite.config.ts', 'postcss.config.cjs', ...shared],
    build: () => viteBuild('console-render'),
  },
  {
    name: 'portal',
    outDir: 'dist/portal',
    output: 'index.html',
    inputs: ['src/portal', 'vite.config.ts', 'postcss.config.cjs', ...shared],
    build: () => viteBuild('portal'),
  },
  {
    name: 'server',
    outDir: 'dist/server',
    output: 'main.js',
    inputs: ['src/server', 'tsconfig.json', ...shared],
    async build() {
      const { build } = await import('esbuild');
      await build({
        entryPoints: [path.join(root, 'src/server/main.ts')],
        outfile: path.join(root, 'dist/server/main.js'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        // packages are loaded from node_modules as they are (native modules, pg-boss's own files)
        packages: 'external',
        sourcemap: true,
        logLevel: 'warning',
      });
    },
  },
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
  for (const input of inputs)
    for (const file of files(input)) hash.update(file).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

const only = process.argv.slice(2);
for (const target of targets) {
  if (only.length > 0 && !only.includes(target.name)) continue;
  const outDir = path.join(root, target.outDir);
  const stampFile = path.join(outDir, '.source-stamp');
  const stamp = sourceStamp(target.inputs);
  const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (current === stamp && existsSync(path.join(outDir, target.output))) continue;
  process.stdout.write(`Building the ${target.name} (first start, or its sources changed)…\n`);
  await target.build();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(stampFile, stamp);
  process.stdout.write(`The ${target.name} is built.\n`);
}
