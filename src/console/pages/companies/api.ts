import type { QueryClient } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import {
  companyDetailSchema,
  companyLogoSchema,
  companySchema,
  companyUserSchema,
  type CompanySort,
} from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError, apiBase } from '../../api/client.js';
import { errorCodes, type ErrorCode } from '../../../shared/errors.js';
import { companyFilterKey } from '../../company-filter/useCompanyFilter.js';

export const companyList = listResponse(companySchema);
export const companyUserList = listResponse(companyUserSchema);

export interface ListParams {
  q: string;
  sort: CompanySort;
  order: 'asc' | 'desc';
}

export const companyKeys = {
  all: ['companies'] as const,
  list: (params: ListParams) => ['companies', 'list', params] as const,
  options: (q: string) => ['companies', 'options', q] as const,
  detail: (id: string) => ['companies', 'detail', id] as const,
  users: (id: string, scope: 'access' | 'candidates', q: string) => ['companies', 'users', id, scope, q] as const,
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
