import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../platform/project-root.js';

/** Where `npm run build` puts the customer portal (vite.config.ts, app `portal`). */
export const defaultPortalDir = projectPath('dist', 'portal');

/** The URL prefix of the portal's own files (Vite's `base` for the portal). */
export const portalAssetPrefix = '/portal/_app/';

export interface PortalFile {
  body: string;
  contentType: string;
  etag: string;
  /** hashed file names never change: cached for a year */
  immutable: boolean;
}

export interface PortalBundle {
  indexHtml: string;
  /** by path below the prefix, e.g. `assets/index-abc123.js` */
  files: Map<string, PortalFile>;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
};

function* walk(dir: string, prefix = ''): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full, `${prefix}${name}/`);
    else yield `${prefix}${name}`;
  }
}

/**
 * Reads the built portal into memory once: it is small, and serving only the files that exist
 * (no path from the request ever reaches the file system) leaves nothing to traverse.
 * Only its scripts, styles and SVG images are served (the portal has no other kind); source maps
 * are left out. Null when the portal has not been built.
 */
export function loadPortalBundle(dir: string): PortalBundle | null {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const files = new Map<string, PortalFile>();
  for (const relative of walk(dir)) {
    const type = contentTypes[path.extname(relative)];
    if (!type || relative === 'index.html') continue;
    const body = readFileSync(path.join(dir, relative), 'utf8');
    files.set(relative, {
      body,
      contentType: type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      immutable: relative.startsWith('assets/'),
    });
  }
  return { indexHtml: readFileSync(index, 'utf8'), files };
}
