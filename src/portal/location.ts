/**
 * What the address says: `/portal/{slug}` (ask a question), `/portal/{slug}/requests/{id}#t=TOKEN`
 * (the private follow link e-mailed to the customer: the token stays in the fragment, so it never
 * reaches a server log), or `/portal/_preview` (the console's live preview, in a frame).
 */
export type PortalRoute =
  | { kind: 'ask'; slug: string }
  | { kind: 'follow'; slug: string; requestId: string; token: string | null }
  | { kind: 'preview' }
  | { kind: 'unknown' };

export const previewSlug = '_preview';

export function parseLocation(pathname: string, hash: string): PortalRoute {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'portal' || !parts[1]) return { kind: 'unknown' };
  const slug = parts[1];
  if (slug === previewSlug) return { kind: 'preview' };
  if (parts.length === 2) return { kind: 'ask', slug };
  if (parts.length === 4 && parts[2] === 'requests') {
    const token = new URLSearchParams(hash.replace(/^#/, '')).get('t');
    return { kind: 'follow', slug, requestId: parts[3]!, token: token || null };
  }
  return { kind: 'unknown' };
}
