import type { z } from 'zod';
import { errorCodes, type ErrorCode, type FieldProblem } from '../../shared/errors.js';

/** Server error codes plus the two the client raises itself. */
export type ClientErrorCode = ErrorCode | 'network' | 'unexpected';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
    /** From the `Retry-After` header of a 429 answer, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems of a `validation_failed` answer. */
  get fieldProblems(): FieldProblem[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldProblem =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldProblem).path === 'string' &&
        typeof (d as FieldProblem).message === 'string',
    );
  }
}

export const apiBase = '/api/v1';

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;
let transport: (url: string, init: RequestInit) => Promise<Response> = (url, init) => fetch(url, init);

/**
 * How requests reach the server: the browser's `fetch`, or, when the server renders a page
 * (server-entry.tsx), its own way of answering them for the person whose page it renders.
 */
export function setApiTransport(next: (url: string, init: RequestInit) => Promise<Response>) {
  transport = next;
}

/** The CSRF token of the current session, kept in memory only. */
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

/** Called when the server answers 401 `unauthenticated`: the session is gone. */
export function onUnauthenticated(handler: (() => void) | null) {
  unauthenticatedHandler = handler;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  body?: unknown;
  /** Bytes sent as they are (a recording chunk, an image), with their own content type. */
  raw?: Blob;
  query?: Record<string, QueryValue>;
  /** Checks the answer's shape; a mismatch is reported on the console, the data is still used. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
  /** Don't treat a 401 as the end of the session (e.g. when probing whether one exists). */
  skipAuthRedirect?: boolean;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.round((date - Date.now()) / 1000));
  return undefined;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

function codeForStatus(status: number): ClientErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : 'unexpected';
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const code = isErrorCode(error?.code) ? error.code : codeForStatus(response.status);
  const message = typeof error?.message === 'string' ? error.message : response.statusText || `HTTP ${response.status}`;
  return new ApiError(
    response.status,
    code,
    message,
    error?.details,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

export async function request<T = unknown>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (options.raw) headers['Content-Type'] = options.raw.type || 'application/octet-stream';
  if (unsafeMethods.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await transport(`${apiBase}${path}${queryString(options.query)}`, {
      method,
      headers,
      body: options.raw ?? (hasBody ? JSON.stringify(options.body) : undefined),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && error.code !== 'invalid_credentials' && !options.skipAuthRedirect) {
      csrfToken = null;
      unauthenticatedHandler?.();
    }
    throw error;
  }

  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw new ApiError(response.status, 'unexpected', `${method} ${path}: the answer is not JSON`);
  }
  if (options.schema) {
    const parsed = options.schema.safeParse(data);
    if (!parsed.success) {
      // Deliberate: reports drift from src/shared/contracts to developers (the e2e test watches for it).
      // eslint-disable-next-line no-console
      console.error(`${method} ${path}: unexpected answer shape`, parsed.error.issues);
      return data as T;
    }
    return parsed.data;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions<T>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions<T>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions<T>) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions<T>) => request<T>('PUT', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, options),
};
