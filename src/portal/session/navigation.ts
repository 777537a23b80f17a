import { createContext, useContext } from 'react';
import type { StoredSession } from './storage.js';

/**
 * How the portal's views reach the session pages without a router: the question form's "I have a
 * code" opens the code form; the chat's invitation and the code form open a session.
 */
export interface SessionNavigation {
  enterCode: () => void;
  openSession: (session: StoredSession) => void;
}

export const SessionNavigationContext = createContext<SessionNavigation | null>(null);

export function useSessionNavigation(): SessionNavigation | null {
  return useContext(SessionNavigationContext);
}
