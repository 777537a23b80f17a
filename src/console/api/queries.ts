import { sessionKeys } from '../session/api.js';

/** The session's hooks, also reachable here for pages that still import them from this older address. */
export { can, useSession } from '../session/api.js';

export const queryKeys = {
  me: sessionKeys.me,
  setup: sessionKeys.setup,
  audit: (filters: object) => ['audit-events', filters] as const,
};
