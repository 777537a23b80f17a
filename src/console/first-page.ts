import type { QueryClient } from '@tanstack/react-query';
import { matchRoutes, type RouteObject } from 'react-router';
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
 * At start-up, before the first render: fetches the chunk of the page the address opens and, for a
 * page of the signed-in console, the session check beside it, so a cold load waits for both at once
 * instead of one after the other. Errors are left to the route's own load and to RequireAuth.
 */
export function preloadFirstPage(pathname: string, queryClient: QueryClient): void {
  const found = pageAt(pathname);
  if (!found) return;
  found.page.load().catch(() => undefined);
  if (found.inShell) void queryClient.prefetchQuery(meQuery);
}
