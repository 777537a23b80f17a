import { supportRequestDetailSchema } from '../../../shared/contracts/support-requests.js';
import { api } from '../../api/client.js';

const path = (id: string) => `/support-requests/${encodeURIComponent(id)}`;

/**
 * The answer to an offline question, e-mailed to the customer. The same client id until it
 * succeeds: a retry after a lost answer never e-mails twice.
 */
export const answerQuestion = (id: string, clientId: string, body: string) =>
  api.post(`${path(id)}/answer`, { clientId, body }, { schema: supportRequestDetailSchema });

/** Gives the question to a technician (`null`: to nobody). */
export const assignQuestion = (id: string, userId: string | null) =>
  api.post(`${path(id)}/assign`, { userId }, { schema: supportRequestDetailSchema });
