import type { SessionQuery } from './api.js';

export const filterNames = [
  'companyId',
  'technicianId',
  'from',
  'to',
  'outcome',
  'status',
  'kind',
  'minMinutes',
] as const;
export type Filters = Record<(typeof filterNames)[number], string>;

export const noFilters: Filters = Object.fromEntries(filterNames.map((name) => [name, ''])) as Filters;

export function readFilters(param: (name: string) => string): Filters {
  return Object.fromEntries(filterNames.map((name) => [name, param(name)])) as Filters;
}

/** The API's query: the address's values as they are (days are calendar dates), empty ones left out. */
export function apiQuery(filters: Filters): SessionQuery {
  return Object.fromEntries(filterNames.map((name) => [name, filters[name].trim() || undefined]));
}
