import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PageRoute } from './page-routes.js';

/** Page modules already fetched (`preloadPage`): their component is used as it is. */
const loadedPages = new Map<PageRoute['load'], ComponentType>();

/**
 * Fetches a page's module ahead of its first render, so that it renders without suspending: the
 * page a server-rendered document shows is hydrated as the server drew it, loader-free.
 */
export async function preloadPage(load: PageRoute['load']): Promise<void> {
  const page = await load();
  loadedPages.set(load, page.default);
}

/**
 * One component per page module, chosen at its first use and kept (two addresses of one page keep
 * it mounted between them): the module itself when already fetched, else a lazy one.
 */
const pageComponents = new Map<PageRoute['load'], ComponentType | LazyExoticComponent<ComponentType>>();
export function pageComponent(load: PageRoute['load']) {
  let page = pageComponents.get(load);
  if (!page) pageComponents.set(load, (page = loadedPages.get(load) ?? lazy(load)));
  return page;
}
