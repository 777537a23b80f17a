import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = import.meta.dirname;

/**
 * Browser applications built by Vite. Each has its own root folder (holding its index.html)
 * and its own output folder, served by the server. Select one with `TANDEM_APP=<name>`
 * (default `console`), e.g. `TANDEM_APP=portal vite build` once the portal exists.
 */
const apps = {
  console: { root: 'src/console', outDir: 'dist/console', devPort: 5173 },
} as const satisfies Record<string, { root: string; outDir: string; devPort: number }>;

type AppName = keyof typeof apps;

function selectedApp(): AppName {
  const name = process.env.TANDEM_APP ?? 'console';
  if (!(name in apps)) {
    throw new Error(`Unknown TANDEM_APP "${name}"; expected one of: ${Object.keys(apps).join(', ')}`);
  }
  return name as AppName;
}

const app = apps[selectedApp()];
const apiTarget = process.env.TANDEM_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: path.resolve(repoRoot, app.root),
  base: '/',
  plugins: [react()],
  css: {
    // postcss.config.cjs lives at the repository root, above the app root.
    postcss: repoRoot,
  },
  build: {
    outDir: path.resolve(repoRoot, app.outDir),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Keep the large, rarely-changing libraries in their own cacheable chunks.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-transition-group)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
            { name: 'console', test: /src[\\/](console[\\/](api|lib|components)|shared)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: app.devPort,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget },
    },
  },
});
