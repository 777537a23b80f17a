import type { QueryClient } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import {
  clearInventoryResponse,
  companyDetailSchema,
  companyLogoSchema,
  companyUserSchema,
  dataKeySchema,
  moveDevicesResponse,
  type CompanySort,
} from '../../../shared/contracts/companies.js';
import { agentDownloadsSchema } from '../../../shared/contracts/agent-downloads.js';
import { movePreviewSchema } from '../../../shared/contracts/devices.js';
import { errorCodes, type ErrorCode } from '../../../shared/errors.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError, apiBase } from '../../api/client.js';
import {
  companiesKey,
  companyDetailKey,
  companyFilterKey,
  companyList,
  companyOptionsKey,
} from '../../company-filter/api.js';

/** The company switcher reads the same companies (its queries are the ones below for options and details). */
export { useCompanyDetail as useCompany, useCompanyOptions } from '../../company-filter/api.js';

const companyUserList = listResponse(companyUserSchema);

export interface ListParams {
  q: string;
  sort: CompanySort;
  order: 'asc' | 'desc';
}

export const companyKeys = {
  all: companiesKey,
  list: (params: ListParams) => [...companiesKey, 'list', params] as const,
  options: companyOptionsKey,
  detail: companyDetailKey,
  users: (id: string, scope: 'access' | 'candidates', q: string) => [...companiesKey, 'users', id, scope, q] as const,
};

export function fetchCompanyPage(params: ListParams, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/companies', {
    query: { limit: limits.pageSizeDefault, cursor, q: params.q, sort: params.sort, order: params.order },
    schema: companyList,
    signal,
  });
}

export function createCompany(body: { name: string; color: string | null }) {
  return api.post('/companies', body, { schema: companyDetailSchema });
}

export const updateCompany = (id: string, patch: { name?: string; color?: string | null }) =>
  api.patch(`/companies/${id}`, patch, { schema: companyDetailSchema });

export const deleteCompany = (id: string) => api.delete(`/companies/${id}`);

export const removeLogo = (id: string) => api.delete(`/companies/${id}/logo`);

/** Users who reach the company (`access`, in pages) or could be given access (`candidates`, searched by `q`). */
export function fetchCompanyUsers(
  id: string,
  query: { scope: 'access' | 'candidates'; limit: number; q?: string; cursor?: string },
  signal: AbortSignal,
) {
  return api.get(`/companies/${id}/users`, { query, schema: companyUserList, signal });
}

export const grantAccess = (id: string, userId: string) => api.put<void>(`/companies/${id}/users/${userId}`, undefined);

export const revokeAccess = (id: string, userId: string) => api.delete(`/companies/${id}/users/${userId}`);

/** What moving every device of the company to another would do: who gains and loses sight of them (nothing moves). */
export const previewMoveAll = (id: string, targetCompanyId: string) =>
  api.post(`/companies/${id}/move-devices/preview`, { targetCompanyId }, { schema: movePreviewSchema });

/** Moves every device of the company to another one. */
export const moveAllDevices = (id: string, targetCompanyId: string) =>
  api.post(`/companies/${id}/move-devices`, { targetCompanyId }, { schema: moveDevicesResponse });

/** Deletes every device of the company; `confirmName` must be its name. */
export const clearInventory = (id: string, confirmName: string) =>
  api.post(`/companies/${id}/clear-inventory`, { confirmName }, { schema: clearInventoryResponse });

export const rotateDataKey = (id: string) =>
  api.post(`/companies/${id}/data-key/rotate`, undefined, { schema: dataKeySchema });

/** After any change to companies: lists, details and the switcher's choice may all have moved. */
export function refreshCompanies(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: companyKeys.all });
  void queryClient.invalidateQueries({ queryKey: companyFilterKey });
}

/**
 * Uploads a logo as the raw request body (the JSON client cannot send one). Same CSRF header
 * and error shape as every other call.
 */
export async function uploadLogo(companyId: string, file: File, csrfToken: string | null) {
  let response: Response;
  try {
    response = await fetch(`${apiBase}/companies/${encodeURIComponent(companyId)}/logo`, {
      method: 'PUT',
      headers: {
        'Content-Type': file.type,
        Accept: 'application/json',
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const code = (errorCodes as readonly string[]).includes(error?.code ?? '')
      ? (error!.code as ErrorCode)
      : response.status === 413
        ? 'payload_too_large'
        : 'unexpected';
    throw new ApiError(response.status, code, error?.message ?? response.statusText, error?.details);
  }
  return companyLogoSchema.parse(body);
}

/** The packaged agent's files and the server address for its install commands (whoever sees the data key). */
export function fetchAgentDownloads(id: string, signal: AbortSignal) {
  return api.get(`/companies/${id}/agent-downloads`, { schema: agentDownloadsSchema, signal });
}
