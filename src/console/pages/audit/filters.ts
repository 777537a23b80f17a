import { zonedDayBoundary } from '../../lib/time.js';
import type { AuditQuery } from './api.js';

export interface Filters {
  action: string;
  objectType: string;
  from: string;
  to: string;
  actorId: string;
}

export const filterNames = ['action', 'objectType', 'from', 'to', 'actorId'] as const;

export const noFilters: Filters = { action: '', objectType: '', from: '', to: '', actorId: '' };

export function readFilters(param: (name: string) => string): Filters {
  return {
    action: param('action'),
    objectType: param('objectType'),
    from: param('from'),
    to: param('to'),
    actorId: param('actorId'),
  };
}

/** The API's query: dates (calendar days in the user's zone) become instants. */
export function apiQuery(filters: Filters, timeZone: string): AuditQuery {
  return {
    action: filters.action.trim() || undefined,
    objectType: filters.objectType.trim() || undefined,
    actorId: filters.actorId || undefined,
    from: filters.from ? (zonedDayBoundary(filters.from, timeZone) ?? undefined) : undefined,
    to: filters.to ? (zonedDayBoundary(filters.to, timeZone, true) ?? undefined) : undefined,
  };
}
