import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DomainEvent, DomainEventType } from '../../shared/events.js';
import { LiveContext } from './LiveProvider.js';
import type { LiveMessage, LiveStatus } from './live-connection.js';

function useConnection() {
  const connection = useContext(LiveContext);
  if (!connection) throw new Error('useLive… must be used inside <LiveProvider>');
  return connection;
}

/** The latest handler, so callers need not memoise theirs (updated once rendered, before any message). */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * Calls `handler` for each domain event of the given types, and with `{type: 'resync'}` after the
 * socket came back from a drop (refetch: events may have been missed meanwhile).
 */
export function useLiveEvent(
  types: readonly DomainEventType[],
  handler: (event: DomainEvent | { type: 'resync' }) => void,
): void {
  const connection = useConnection();
  const latest = useLatest(handler);
  const key = types.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    return connection.listen((message) => {
      if (message.type === 'resync') latest.current({ type: 'resync' });
      else if (message.type === 'event') {
        const event = message.event as DomainEvent;
        if (wanted.has(event.type)) latest.current(event);
      }
    });
  }, [connection, key, latest]);
}

/** Calls `handler` for each module message of the given type (chat, presence…), and for `resync`. */
export function useLiveMessage(type: string, handler: (message: LiveMessage) => void): void {
  const connection = useConnection();
  const latest = useLatest(handler);
  useEffect(
    () =>
      connection.listen((message) =>
        message.type === type || message.type === 'resync' ? latest.current(message) : undefined,
      ),
    [connection, type, latest],
  );
}

/**
 * Sends a frame on the live socket; returns false when it is not open. The function stays the same
 * between renders (effects that depend on it, like a chat's subscription, must not run again).
 */
export function useLiveSend(): (frame: { type: string; [key: string]: unknown }) => boolean {
  const connection = useConnection();
  return useCallback((frame) => connection.send(frame), [connection]);
}

export function useLiveStatus(): LiveStatus {
  const connection = useConnection();
  const [status, setStatus] = useState(connection.status);
  useEffect(() => connection.watchStatus(setStatus), [connection]);
  return status;
}

/** The live socket's connection id from the server's `hello` (null while it is not open): a new one after each reconnection. */
export function useLiveConnectionId(): string | null {
  const connection = useConnection();
  const subscribe = useCallback((changed: () => void) => connection.watchConnectionId(changed), [connection]);
  // none while the server draws the page, nor while the browser takes it over
  return useSyncExternalStore(
    subscribe,
    () => connection.connectionId,
    () => null,
  );
}
