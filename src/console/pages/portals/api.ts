import { portalSchema, portalSummarySchema } from '../../../shared/contracts/portals.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { api } from '../../api/client.js';

export const portalKeys = {
  portal: (companyId: string) => ['portals', companyId] as const,
};

export const fetchPortal = (companyId: string, signal?: AbortSignal) =>
  api.get(`/companies/${encodeURIComponent(companyId)}/portal`, { schema: portalSchema, signal });

export const portalList = listResponse(portalSummarySchema);
