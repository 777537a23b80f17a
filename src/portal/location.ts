/**
 * What the address says: `/portal/{slug}` (ask a question; `?code=123456789`, the technician's join
 * link, opens the session code form filled in), `/portal/{slug}/requests/{id}#t=TOKEN` (the private
 * follow link e-mailed to the customer: the token stays in the fragment, so it never reaches a
 * server log), `/join` (the account's join page: a session code for any of its companies), or
 * `/portal/_preview` (the console's live preview, in a frame).
 */
export type PortalRoute =
  | { kind: 'ask'; slug: string; code?: string }
  | { kind: 'join'; code?: string }
  | { kind: 'follow'; slug: string; requestId: string; token: string | null }
  | { kind: 'preview' }
  | { kind: 'unknown' };

export const previewSlug = '_preview';

/** The session code given in the address (`?code=`), digits only, when there is one. */
function codeOf(search: string): { code?: string } {
  const code = new URLSearchParams(search).get('code')?.replace(/\D/g, '').slice(0, 9);
  return code ? { code } : {};
}

export function parseLocation(pathname: string, hash: string, search = ''): PortalRoute {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'join') return { kind: 'join', ...codeOf(search) };
  if (parts[0] !== 'portal' || !parts[1]) return { kind: 'unknown' };
  const slug = parts[1];
  if (slug === previewSlug) return { kind: 'preview' };
  if (parts.length === 2) return { kind: 'ask', slug, ...codeOf(search) };
  if (parts.length === 4 && parts[2] === 'requests') {
    const token = new URLSearchParams(hash.replace(/^#/, '')).get('t');
    return { kind: 'follow', slug, requestId: parts[3]!, token: token || null };
  }
  return { kind: 'unknown' };
}
