import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = import.meta.dirname;

/**
 * Browser applications built by Vite. Each has its own root folder (holding its index.html)
 * and its own output folder, served by the server. Select one with `TANDEM_APP=<name>`
 * (default `console`), e.g. `TANDEM_APP=portal vite build`; `npm run build` builds both.
 *
 * The customer portal is light and separate: no Mantine, no console code. Its page is served at
 * `/portal/{slug}` by src/server/modules/portal-page and its files under `/portal/_app/`.
 */
const apps = {
  console: { root: 'src/console', outDir: 'dist/console', devPort: 5173, base: '/' },
  portal: { root: 'src/portal', outDir: 'dist/portal', devPort: 5174, base: '/portal/_app/' },
} as const satisfies Record<string, { root: string; outDir: string; devPort: number; base: string }>;

type AppName = keyof typeof apps;

function selectedApp(): AppName {
  const name = process.env.TANDEM_APP ?? 'console';
  if (!(name in apps)) {
    throw new Error(`Unknown TANDEM_APP "${name}"; expected one of: ${Object.keys(apps).join(', ')}`);
  }
  return name as AppName;
}

const appName = selectedApp();
const app = apps[appName];
const apiTarget = process.env.TANDEM_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: path.resolve(repoRoot, app.root),
  base: app.base,
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
        codeSplitting:
          appName === 'portal'
            ? { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] }
            : {
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
      // ws: the console's live socket and the portal's chat
      '/api': { target: apiTarget, changeOrigin: false, ws: true },
      '/healthz': { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget },
    },
  },
});
