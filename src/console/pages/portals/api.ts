import { portalSchema, portalSummarySchema } from '../../../shared/contracts/portals.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { api } from '../../api/client.js';

export const portalKeys = {
  portal: (companyId: string) => ['portals', companyId] as const,
  list: (q: string) => ['portals', 'list', q] as const,
};

export const fetchPortal = (companyId: string, signal?: AbortSignal) =>
  api.get(`/companies/${encodeURIComponent(companyId)}/portal`, { schema: portalSchema, signal });

export const portalList = listResponse(portalSummarySchema);

/** One page of the portals list (by company name). */
export const fetchPortalPage = (q: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get('/portals', { query: { q: q || undefined, cursor }, schema: portalList, signal });

/** Saves the changed parts of a company's portal. */
export const savePortal = (companyId: string, changes: object) =>
  api.patch(`/companies/${companyId}/portal`, changes, { schema: portalSchema });
