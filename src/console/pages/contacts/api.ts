import { useQuery, type QueryClient } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import {
  contactDetail,
  contactMethodSchema,
  contactSummary,
  verificationResult,
  verificationSent,
  type MethodType,
} from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';

export const contactList = listResponse(contactSummary);

export const contactKeys = {
  all: ['contacts'] as const,
  list: (q: string) => ['contacts', 'list', q] as const,
  picker: (q: string) => ['contacts', 'picker', q] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
};

export function refreshContacts(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: contactKeys.all });
}

export function fetchContactPage(q: string, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/contacts', {
    query: { search: q || undefined, limit: limits.pageSizeDefault, cursor },
    schema: contactList,
    signal,
  });
}

/** The first contacts matching a search, for a picker. */
export function useContactSearch(q: string, limit: number) {
  return useQuery({
    queryKey: contactKeys.picker(q),
    queryFn: ({ signal }) =>
      api.get('/contacts', { query: { limit, ...(q ? { search: q } : {}) }, schema: contactList, signal }),
    staleTime: 30_000,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/contacts/${id}`, { schema: contactDetail, signal }),
  });
}

export function createContact(body: object) {
  return api.post('/contacts', body, { schema: contactSummary });
}

export function updateContact(id: string, body: object) {
  return api.patch(`/contacts/${id}`, body, { schema: contactSummary });
}

export function deleteContact(id: string) {
  return api.delete(`/contacts/${id}`);
}

/** A contact's communication methods: add, enable or disable, remove, send a verification, check its code. */
export function contactMethods(contactId: string) {
  const base = `/contacts/${contactId}/methods`;
  return {
    add: (method: { type: MethodType; value: string; label?: string }) =>
      api.post(base, method, { schema: contactMethodSchema }),
    setEnabled: (id: string, enabled: boolean) =>
      api.patch(`${base}/${id}`, { enabled }, { schema: contactMethodSchema }),
    remove: (id: string) => api.delete(`${base}/${id}`),
    sendVerification: (id: string) => api.post(`${base}/${id}/verification`, undefined, { schema: verificationSent }),
    verify: (id: string, code: string) => api.post(`${base}/${id}/verify`, { code }, { schema: verificationResult }),
  };
}

/** The public verification link: confirms the address once, without sign-in. */
export function confirmVerification(token: string) {
  return api.post(`/contact-verifications/${encodeURIComponent(token)}`, undefined, {
    schema: verificationResult,
    skipAuthRedirect: true,
  });
}
