import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { precompress } from '../../scripts/precompress.js';
import { repoRoot } from '../lib/tandem-process.js';

/** Where the stack floor is served, under the console's files. */
export const stackFloorFolder = 'bench-stack';

/**
 * Builds bench/pages/stack-floor (React and Mantine alone, the floor page's content) as the console is
 * built — the same Vite, minified, compressed — into `<consoleDir>/bench-stack/`, served at /bench-stack/.
 */
export async function buildStackFloor(consoleDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: path.join(repoRoot, 'bench', 'pages', 'stack-floor'),
    base: `/${stackFloorFolder}/`,
    plugins: [react(), precompress()],
    build: { outDir: path.join(consoleDir, stackFloorFolder), emptyOutDir: true },
  });
}
