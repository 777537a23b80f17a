/**
 * The public portal API (`/api/portal/{slug}`), typed by src/shared/contracts. Types only are
 * imported: the schemas (and zod) stay out of the customer's page; the server validates.
 */
import type { PublicPortal } from '../shared/contracts/portals.js';
import type { Attachment, ChatMessage, VisitorRequest } from '../shared/contracts/support-requests.js';
import type { ErrorCode, FieldProblem } from '../shared/errors.js';

export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
    /** a 429's wait, from its Retry-After header or its details */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.details)
      ? (this.details as FieldProblem[]).filter((d) => typeof d?.path === 'string')
      : [];
  }
}

export const base = (slug: string) => `/api/portal/${encodeURIComponent(slug)}`;

export async function send<T>(
  method: string,
  url: string,
  options: { body?: unknown; token?: string; raw?: Blob; contentType?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers['X-Visitor-Token'] = options.token;
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['Content-Type'] = options.contentType || 'application/octet-stream';
    body = options.raw;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  } catch (cause) {
    throw new PortalApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }
  const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | undefined)?.error;
    throw new PortalApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? response.statusText,
      error?.details,
      retryAfter(response.headers.get('retry-after'), error?.details),
    );
  }
  return data as T;
}

function retryAfter(header: string | null, details: unknown): number | null {
  const fromDetails = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  const seconds = typeof fromDetails === 'number' ? fromDetails : header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

export interface CreatedRequest {
  id: string;
  number: number;
  status: VisitorRequest['status'];
  visitorToken: string;
  offlineReason: 'no_technician' | 'outside_hours' | 'wait_timeout' | 'portal_closed' | null;
  /** an offline question whose private link was e-mailed */
  followLinkEmailed: boolean;
}

export interface NewRequest {
  name: string;
  email: string;
  question: string;
  fields?: Record<string, string | boolean>;
}

export const portalApi = {
  portal: (slug: string) => send<PublicPortal>('GET', base(slug)),
  create: (slug: string, body: NewRequest) => send<CreatedRequest>('POST', `${base(slug)}/requests`, { body }),
  request: (slug: string, id: string, token: string) =>
    send<VisitorRequest>('GET', `${base(slug)}/requests/${encodeURIComponent(id)}`, { token }),
  messages: (slug: string, id: string, token: string, afterSeq = 0) =>
    send<{ items: ChatMessage[]; lastSeq: number }>(
      'GET',
      `${base(slug)}/requests/${encodeURIComponent(id)}/messages?afterSeq=${afterSeq}`,
      { token },
    ),
  reply: (slug: string, id: string, token: string, body: { clientId: string; body: string; attachmentId?: string }) =>
    send<ChatMessage>('POST', `${base(slug)}/requests/${encodeURIComponent(id)}/messages`, { token, body }),
  attach: (slug: string, id: string, token: string, file: File) =>
    send<Attachment>(
      'POST',
      `${base(slug)}/requests/${encodeURIComponent(id)}/attachments?name=${encodeURIComponent(file.name)}`,
      { token, raw: file, contentType: file.type },
    ),
};

/** The WebSocket address of a request's chat (same origin: the page's CSP allows nothing else). */
export function socketUrl(slug: string, id: string, token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${base(slug)}/requests/${encodeURIComponent(id)}/socket?token=${encodeURIComponent(token)}`;
}

/** A download link for an attachment: the customer side adds its token. */
export function attachmentHref(url: string, token: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** A fresh id for a message, so that resending it never stores it twice. */
export function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
