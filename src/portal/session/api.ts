/**
 * The customer's side of remote-support sessions (`/api/portal/{slug}/sessions`, and `/api/join/sessions`
 * for the account's join page), typed by src/shared/contracts/sessions.ts. Types only: the server validates.
 * Every call after joining carries the visitor token of the session's chat.
 */
import type { CustomerSession, IceServers } from '../../shared/contracts/sessions.js';
import type { Language } from '../../shared/locales.js';
import { base, send } from '../api.js';

export interface JoinBody {
  code: string;
  name?: string;
  language?: Language;
}

export interface JoinedSession {
  sessionId: string;
  visitorToken: string;
  requestId: string;
  slug: string;
}

const sessionPath = (slug: string, id: string) => `${base(slug)}/sessions/${encodeURIComponent(id)}`;

export const sessionApi = {
  join: (slug: string, body: JoinBody) => send<JoinedSession>('POST', `${base(slug)}/sessions`, { body }),
  /** the account's join page: the code says which company */
  joinAccount: (body: JoinBody) => send<JoinedSession>('POST', '/api/join/sessions', { body }),
  get: (slug: string, id: string, token: string) => send<CustomerSession>('GET', sessionPath(slug, id), { token }),
  consent: (slug: string, id: string, token: string, consent: boolean) =>
    send<CustomerSession>('POST', `${sessionPath(slug, id)}/consent`, { token, body: { consent } }),
  sharing: (slug: string, id: string, token: string, sharing: boolean) =>
    send<CustomerSession>('POST', `${sessionPath(slug, id)}/sharing`, { token, body: { sharing } }),
  leave: (slug: string, id: string, token: string) =>
    send<CustomerSession | undefined>('POST', `${sessionPath(slug, id)}/leave`, { token, body: {} }),
  iceServers: (slug: string, id: string, token: string) =>
    send<IceServers>('GET', `${sessionPath(slug, id)}/ice-servers`, { token }),
  /** the open session a technician started from this chat (asking changes nothing: it is joined at consent); 404 when there is none */
  forRequest: (slug: string, requestId: string, token: string) =>
    send<JoinedSession>('POST', `${base(slug)}/requests/${encodeURIComponent(requestId)}/session`, { token, body: {} }),
};

/** The session's signalling socket (same origin: the page's CSP allows nothing else). */
export function sessionSocketUrl(slug: string, id: string, token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${sessionPath(slug, id)}/socket?token=${encodeURIComponent(token)}`;
}
