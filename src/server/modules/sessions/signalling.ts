import type { App, Deps } from '../../platform/http/types.js';

/** Signalling between a customer's page and the watching technicians' live sockets, across processes. */
export async function startSessionSignalling(_app: App, _deps: Deps): Promise<{ stop(): Promise<void> }> {
  return { stop: async () => {} };
}
