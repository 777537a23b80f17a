import type { CustomerRating, RateChat, Rating } from '../../shared/contracts/satisfaction.js';
import { base, send } from '../api.js';

const path = (slug: string, id: string) => `${base(slug)}/requests/${encodeURIComponent(id)}/rating`;

/** The satisfaction question at the end of a chat: whether it is asked, and the answer given. */
export const ratingApi = {
  get: (slug: string, id: string, token: string) => send<CustomerRating>('GET', path(slug, id), { token }),
  rate: (slug: string, id: string, token: string, body: RateChat) =>
    send<Rating>('POST', path(slug, id), { token, body }),
};
