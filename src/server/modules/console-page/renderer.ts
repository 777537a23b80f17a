import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timeZoneCookie } from '../../../shared/console-document.js';
import type { RenderedPage } from './document.js';

/** The console's server entry (src/console/server-entry.tsx) as built. */
interface RenderEntry {
  renderConsolePage(request: {
    url: string;
    browserLanguages: string[];
    timeZone: string | null;
    fetch(url: string, init: RequestInit): Promise<Response>;
    onLanguage?(language: string): void;
  }): Promise<RenderedPage | null>;
}

/** Renders at once beyond which a document goes out unrendered (the browser then draws it). */
const maxRendersAtOnce = 4;
/** A render slower than this is not waited for: the document goes out unrendered. */
const renderTimeoutMs = 2_000;

/** The browser's languages from its Accept-Language, most preferred first (at most 10). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(entry.tag) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .slice(0, 10)
    .map((entry) => entry.tag);
}

/** A time zone name as the browser reports it (IANA), or null. */
function knownTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return null;
  }
}

/**
 * Renders signed-in console pages on the server with the console's own build for Node
 * (`entryFile`). Each API request the page makes is answered by this app itself, as the person
 * whose document it is (their cookies, address, languages): what they may see is decided exactly
 * as for the browser's own requests. Null — the plain document — when the build is missing, the
 * page is not one the server renders, too many renders are under way, or a render fails or is slow.
 */
export function consoleRenderer(app: FastifyInstance, entryFile: string) {
  let entry: Promise<RenderEntry | null> | undefined;
  let underWay = 0;
  const load = () => {
    // React's server renderer picks its build by NODE_ENV: the production one unless told otherwise
    process.env.NODE_ENV ??= 'production';
    return (entry ??= existsSync(entryFile)
      ? (import(pathToFileURL(entryFile).href) as Promise<RenderEntry>).catch((err: unknown) => {
          app.log.error({ err }, 'the console render build could not be loaded; pages are drawn by the browser');
          return null;
        })
      : Promise.resolve(null));
  };

  async function answer(request: FastifyRequest, url: string, init: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const name of ['cookie', 'accept-language', 'user-agent'] as const) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    // a page being drawn only reads: anything else is refused without reaching a route
    if (init.method && init.method !== 'GET') return new Response(null, { status: 405 });
    const res = await app.inject({ method: 'GET', url, headers, remoteAddress: request.ip });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && name !== 'set-cookie') responseHeaders.set(name, String(value));
    }
    const body = res.statusCode === 204 || res.statusCode === 304 ? null : new Uint8Array(res.rawPayload);
    return new Response(body, { status: res.statusCode, headers: responseHeaders });
  }

  /** `onLanguage`: told once the person's language is known, before the page is drawn. */
  return async function render(
    request: FastifyRequest,
    onLanguage?: (language: string) => void,
  ): Promise<RenderedPage | null> {
    if (underWay >= maxRendersAtOnce) return null;
    const module = await load();
    if (!module || underWay >= maxRendersAtOnce) return null;
    underWay++;
    // counted until it ends, even when no longer waited for
    const rendered = module
      .renderConsolePage({
        url: request.url,
        browserLanguages: acceptedLanguages(request.headers['accept-language']),
        timeZone: knownTimeZone(request.cookies[timeZoneCookie]),
        fetch: (url, init) => answer(request, url, init),
        ...(onLanguage ? { onLanguage } : {}),
      })
      .catch((err: unknown) => {
        request.log.warn({ err }, 'the page could not be rendered on the server; the browser draws it');
        return null;
      })
      .finally(() => underWay--);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), renderTimeoutMs)));
    try {
      return await Promise.race([rendered, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
