import { useQueryClient } from '@tanstack/react-query';
import { createContext, useEffect, useState, type ReactNode } from 'react';
import { sessionKeys } from '../session/api.js';
import { pageWasDrawn } from '../server-rendered.js';
import { LiveConnection, liveUrl } from './live-connection.js';

export const LiveContext = createContext<LiveConnection | null>(null);

/** Keeps the live socket open while a signed-in page is shown. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connection] = useState(() => {
    const live = new LiveConnection(
      () => liveUrl(),
      () => {
        // the server closed the socket because the session ended, or because what it may do
        // changed (a second factor to set up): asking who we are signs out or leads there
        void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
      },
    );
    // a page the server drew may have changed before the socket could hear of it
    if (pageWasDrawn()) live.resyncWhenFirstOpen();
    return live;
  });
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}
