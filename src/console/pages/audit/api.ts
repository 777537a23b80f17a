import { auditEventSchema } from '../../../shared/contracts/audit.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { limits } from '../../../shared/limits.js';
import { api, apiBase, queryString } from '../../api/client.js';

const auditList = listResponse(auditEventSchema);

/** The API's filters of the audit log (instants, exact action and object type, one actor). */
export type AuditQuery = Record<string, string | undefined>;

export const auditKeys = {
  list: (query: AuditQuery) => ['audit-events', query] as const,
};

export function fetchAuditPage(query: AuditQuery, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/audit-events', {
    query: { ...query, limit: limits.pageSizeDefault, cursor },
    schema: auditList,
    signal,
  });
}

export function auditExportHref(query: AuditQuery) {
  return `${apiBase}/audit-events/export.csv${queryString(query)}`;
}
