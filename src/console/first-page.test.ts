import { describe, expect, it } from 'vitest';
import { pageAt } from './first-page.js';
import { publicPages, shellPages } from './page-routes.js';

const shellPage = (path: string) => shellPages.find((page) => page.path === path);
const publicPage = (path: string) => publicPages.find((page) => page.path === path);

describe('the page an address opens at start-up', () => {
  it.each([
    ['/', ''],
    ['/devices', 'devices'],
    ['/devices/7d1c1b8e-0000-4000-8000-000000000001', 'devices/:id'],
    ['/companies/7d1c/inventory', 'companies/:id/*'],
    ['/support/canned-replies', 'support/canned-replies'],
    ['/support/42', 'support/:id'],
    ['/sessions/42/live', 'sessions/:id/live'],
    ['/portals/7d1c', 'portals/:companyId'],
  ])('%s: the signed-in page routed at %s, with the session check', (address, path) => {
    expect(shellPage(path)).toBeDefined();
    expect(pageAt(address)).toEqual({ page: shellPage(path), inShell: true });
  });

  it.each([
    ['/login', '/login'],
    ['/password-reset/abc', '/password-reset/:token'],
  ])('%s: the public page routed at %s, without the shell', (address, path) => {
    expect(pageAt(address)).toEqual({ page: publicPage(path), inShell: false });
  });

  it('an address no page answers (the not-found page) preloads nothing', () => {
    expect(pageAt('/no/such/page/here')).toBeUndefined();
  });

  it('every route has a path of its own', () => {
    const paths = [...publicPages, ...shellPages].map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
