import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './scripts/precompress.js';
import { startPreloadAttribute } from './src/shared/console-document.js';

const repoRoot = import.meta.dirname;

/**
 * Browser applications built by Vite. Each has its own root folder (holding its index.html)
 * and its own output folder, served by the server. Select one with `TANDEM_APP=<name>`
 * (default `console`), e.g. `TANDEM_APP=portal vite build`; `npm run build` builds both.
 *
 * `console-render` is the console again, built for Node: the server renders signed-in pages with it.
 *
 * The customer portal is light and separate: no Mantine, no console code. Its page is served at
 * `/portal/{slug}` by src/server/modules/portal-page and its files under `/portal/_app/`.
 */
const apps = {
  // start: the module the entry imports once a drawn page is painted (main.tsx)
  console: { root: 'src/console', outDir: 'dist/console', devPort: 5173, base: '/', start: 'start.tsx' },
  portal: { root: 'src/portal', outDir: 'dist/portal', devPort: 5174, base: '/portal/_app/' },
  // the console's pages as the server renders them (src/console/server-entry.tsx), a Node module
  'console-render': { root: 'src/console', outDir: 'dist/console-render', devPort: 5173, base: '/' },
} as const satisfies Record<string, { root: string; outDir: string; devPort: number; base: string; start?: string }>;

type AppName = keyof typeof apps;

function selectedApp(): AppName {
  const name = process.env.TANDEM_APP ?? 'console';
  if (!(name in apps)) {
    throw new Error(`Unknown TANDEM_APP "${name}"; expected one of: ${Object.keys(apps).join(', ')}`);
  }
  return name as AppName;
}

/**
 * Every module the app's start reaches by static imports (what the first render needs whatever the
 * page), known once the build has read the module graph: one chunk for them all instead of dozens
 * of small ones shared with the pages. The start is the entry itself, or the module the entry
 * imports once the page is painted (the console's start.tsx): the entry then stays small.
 */
function startModules(startFile: string | undefined): { plugin: Plugin; has: (id: string) => boolean } {
  const start = new Set<string>();
  return {
    has: (id) => start.has(id),
    plugin: {
      name: 'tandem-start-modules',
      apply: 'build',
      buildEnd() {
        const queue = [...this.getModuleIds()].filter((id) =>
          startFile ? id === startFile : this.getModuleInfo(id)?.isEntry,
        );
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
          if (start.has(id)) continue;
          start.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      },
    },
  };
}

/**
 * The document asks for the start module's chunk and what it imports from its first bytes
 * (`modulepreload`: fetched and compiled, not run), though the entry imports it only later. The
 * links are marked (`startPreloadAttribute`): the server leaves them out of a page it drew, whose
 * entry imports the start after the first paint. The entry must not import the start's chunk
 * itself: the console would then run before the page is painted.
 */
function preloadStart(startFile: string): Plugin {
  return {
    name: 'tandem-preload-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const startChunk = chunks.find((c) => c.moduleIds.includes(startFile));
        if (!startChunk) throw new Error(`no chunk holds ${startFile}`);
        const entryChunk = chunks.find((c) => c.isEntry);
        if (entryChunk?.imports.includes(startChunk.fileName))
          throw new Error(
            `${entryChunk.fileName} imports ${startChunk.fileName}: the console would run before the page is painted`,
          );
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(imported);
        };
        visit(startChunk.fileName);
        return [...files]
          .filter((fileName) => !html.includes(`${app.base}${fileName}"`))
          .map((fileName) => ({
            tag: 'link',
            attrs: {
              rel: 'modulepreload',
              crossorigin: true,
              href: `${app.base}${fileName}`,
              [startPreloadAttribute]: true,
            },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

const appName = selectedApp();
const app = apps[appName];
const startFile = 'start' in app ? path.resolve(repoRoot, app.root, app.start) : undefined;
const start = startModules(startFile);
const apiTarget = process.env.TANDEM_API_URL ?? 'http://localhost:3000';

const serverBuild = {
  outDir: path.resolve(repoRoot, app.outDir),
  emptyOutDir: true,
  sourcemap: true,
  ssr: 'server-entry.tsx',
  copyPublicDir: false,
  // read from disk by the server, never downloaded: its size costs nothing to a browser
  chunkSizeWarningLimit: 8192,
};

export default defineConfig({
  root: path.resolve(repoRoot, app.root),
  base: app.base,
  plugins: [
    react(),
    ...(appName === 'console-render' ? [] : [start.plugin]),
    ...(appName === 'console' && startFile ? [preloadStart(startFile), precompress()] : []),
  ],
  css: {
    // postcss.config.cjs lives at the repository root, above the app root.
    postcss: repoRoot,
  },
  build:
    appName === 'console-render'
      ? serverBuild
      : {
          outDir: path.resolve(repoRoot, app.outDir),
          emptyOutDir: true,
          sourcemap: true,
          chunkSizeWarningLimit: 700,
          rolldownOptions: {
            output: {
              // React (and its router) in a cacheable chunk of its own. Nothing else is grouped: a group
              // would put every library any page uses into the first load; left alone, each route's chunk
              // holds what only it uses, and what several share goes in shared chunks.
              codeSplitting: {
                groups: [
                  {
                    name: 'react',
                    test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
                    priority: 2,
                  },
                  // with a start apart from the entry, the bundler's own helpers (\0…: the preloading of
                  // chunks) apart too: the entry uses them, and must not import the start's chunk to get them
                  ...(startFile ? [{ name: 'helpers', test: /^\0/, priority: 3 }] : []),
                  { name: 'start', test: (id) => start.has(id), priority: 1 },
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
