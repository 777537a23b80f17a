import type { AgentInventory, EnrolResponse, HeartbeatResponse } from '../shared/contracts/devices.js';
import type { AgentScriptResult } from '../shared/contracts/device-scripts.js';

/** A refusal the agent cannot fix by retrying (bad key, revoked credential, limit reached, bad report). */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached or answered 5xx/429: retry later, with backoff. */
export class Unreachable extends Error {}

async function send<T>(
  server: string,
  method: string,
  path: string,
  { body, credential }: { body?: unknown; credential?: string } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server), {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(credential ? { authorization: `Device ${credential}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Unreachable(`cannot reach ${server}: ${(error as Error).message}`);
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (response.ok) return json as T;
  const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
  if (response.status >= 500 || response.status === 429)
    throw new Unreachable(`${server} answered ${response.status}: ${message}`);
  throw new Refused(response.status, message);
}

export const enrol = (server: string, body: { dataKey: string; name?: string; inventory: AgentInventory }) =>
  send<EnrolResponse>(server, 'POST', '/api/agent/enroll', { body });
export const heartbeat = (server: string, credential: string) =>
  send<HeartbeatResponse>(server, 'POST', '/api/agent/heartbeat', { credential });
export const reportInventory = (server: string, credential: string, inventory: AgentInventory) =>
  send<{ receivedAt: string; heartbeatSeconds: number }>(server, 'PUT', '/api/agent/inventory', {
    body: inventory,
    credential,
  });
export const startScript = (server: string, credential: string, resultId: string) =>
  send<{ body: string }>(server, 'POST', `/api/agent/script-results/${encodeURIComponent(resultId)}/start`, {
    credential,
  });
export const reportScript = (server: string, credential: string, resultId: string, result: AgentScriptResult) =>
  send<{ status: string }>(server, 'POST', `/api/agent/script-results/${encodeURIComponent(resultId)}`, {
    body: result,
    credential,
  });
