import type { QueryClient } from '@tanstack/react-query';
import { matchRoutes, type RouteObject } from 'react-router';
import { companyChoicesStaleTime, companyFilterQuery, companyOptionsQuery } from './company-filter/api.js';
import { preloadPage } from './page-components.js';
import { publicPages, shellPages, type PageRoute } from './page-routes.js';
import { meQuery } from './session/api.js';

const asRoute = (page: PageRoute): RouteObject =>
  page.path === '' ? { index: true, handle: page } : { path: page.path, handle: page };

/** The routes of App.tsx, matched by React Router's own rules (the shell's pages nested in a pathless route). */
const routes: RouteObject[] = [...publicPages.map(asRoute), { children: shellPages.map(asRoute) }];

/** The page an address opens (undefined: none, e.g. the not-found page). */
export function pageAt(pathname: string): { page: PageRoute; inShell: boolean } | undefined {
  const matches = matchRoutes(routes, pathname);
  const page = matches?.at(-1)?.route.handle as PageRoute | undefined;
  return page && { page, inShell: shellPages.includes(page) };
}

/**
 * What the shell shows on every page of the signed-in console: the session check, the company
 * switcher's choice and its list of companies. Settles when all three have answered (a 401 is the
 * session check's to handle: RequireAuth; other errors are left to the shell's queries).
 */
export function prefetchShell(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.prefetchQuery(meQuery),
    queryClient.prefetchQuery(companyFilterQuery({ skipAuthRedirect: true })),
    queryClient.prefetchQuery({
      ...companyOptionsQuery('', { skipAuthRedirect: true }),
      staleTime: companyChoicesStaleTime,
    }),
  ]);
}

/**
 * At start-up, before the first render: for a page of the signed-in console, asks for what the
 * shell shows (unless the server already sent it with the page it rendered), then fetches the
 * chunk of the page the address opens, so a cold load waits for them all at once instead of one
 * after the other. The requests go first: the browser opens only a few connections to one server,
 * and the page's files would otherwise queue them. Settles once the page's chunk is there (or
 * failed to load: the route's own load then says so).
 */
export function preloadFirstPage(
  pathname: string,
  queryClient: QueryClient,
  options: { shellKnown?: boolean } = {},
): Promise<void> {
  const found = pageAt(pathname);
  if (!found) return Promise.resolve();
  if (found.inShell && !options.shellKnown) void prefetchShell(queryClient);
  return preloadPage(found.page.load).catch(() => undefined);
}
