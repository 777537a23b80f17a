import type { QueryClient } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import { contactSummary } from '../../../shared/contracts/contacts.js';

export const contactList = listResponse(contactSummary);

export const contactKeys = {
  all: ['contacts'] as const,
  list: (q: string) => ['contacts', 'list', q] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
};

export function refreshContacts(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: contactKeys.all });
}
