import { maxPageSize } from './discovery.js';

/** The query of a SCIM list: a filter, and the 1-based `startIndex` and `count` of RFC 7644 §3.4.2.4. */
export interface PageQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
}

/** startIndex below 1 is 1; count below 0 is 0, above the maximum the maximum; absent, the maximum. */
export function pageOf(query: PageQuery): { startIndex: number; count: number } {
  const start = Number.parseInt(query.startIndex ?? '1', 10);
  const count = Number.parseInt(query.count ?? String(maxPageSize), 10);
  return {
    startIndex: Number.isFinite(start) && start >= 1 ? start : 1,
    count: Number.isFinite(count) ? Math.min(Math.max(count, 0), maxPageSize) : maxPageSize,
  };
}
