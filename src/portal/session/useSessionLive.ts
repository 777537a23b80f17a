import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { CustomerSession } from '../../shared/contracts/sessions.js';
import type { RtcSignal, SessionCustomerServerFrame } from '../../shared/session-signals.js';
import { PortalApiError } from '../api.js';
import type { ConnectionState } from '../live-socket.js';
import { sessionApi, sessionSocketUrl } from './api.js';
import { SessionConnection } from './connection.js';
import type { StoredSession } from './storage.js';
import { viewerChanges, withViewer, type Viewer } from './viewers.js';

/** Where the socket's viewers and signals go: the screen sender while there is one. */
export interface PeerSink {
  addViewer(peerId: string): void;
  removeViewer(peerId: string): void;
  receive(peerId: string, signal: RtcSignal): Promise<void>;
}

export interface SessionLive {
  session: CustomerSession | null;
  /** the session is unknown to the server, or this token no longer opens it */
  gone: boolean;
  viewers: Viewer[];
  connection: ConnectionState;
  setSession: (session: CustomerSession) => void;
  sendSignal: (peerId: string, signal: RtcSignal) => void;
  /** the screen sender, when sharing has begun; it hears of every viewer and signal */
  peerRef: MutableRefObject<PeerSink | null>;
  viewersRef: MutableRefObject<Viewer[]>;
}

const over = (session: CustomerSession | null) => session?.status === 'ended' || session?.status === 'expired';

/** One session as its customer sees it: read once, then kept current by the session's socket. */
export function useSessionLive(slug: string, stored: StoredSession): SessionLive {
  const [session, setSession] = useState<CustomerSession | null>(null);
  const [gone, setGone] = useState(false);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const peerRef = useRef<PeerSink | null>(null);
  const viewersRef = useRef<Viewer[]>([]);
  const connectionRef = useRef<SessionConnection | null>(null);
  const { sessionId, token } = stored;

  const replaceViewers = useCallback((next: Viewer[]) => {
    const { added, removed } = viewerChanges(viewersRef.current, next);
    viewersRef.current = next;
    setViewers(next);
    for (const v of removed) peerRef.current?.removeViewer(v.peerId);
    for (const v of added) peerRef.current?.addViewer(v.peerId);
  }, []);

  useEffect(() => {
    let cancelled = false;
    sessionApi
      .get(slug, sessionId, token)
      .then((found) => !cancelled && setSession(found))
      .catch((error) => {
        if (!cancelled && error instanceof PortalApiError && [401, 403, 404].includes(error.status)) setGone(true);
      });
    const onFrame = (frame: SessionCustomerServerFrame) => {
      switch (frame.type) {
        case 'hello':
          setSession(frame.session);
          replaceViewers(over(frame.session) ? [] : frame.viewers);
          break;
        case 'session':
          setSession(frame.session);
          if (over(frame.session)) replaceViewers([]);
          break;
        case 'viewer': {
          const next = withViewer(viewersRef.current, frame.viewer, frame.present);
          viewersRef.current = next;
          setViewers(next);
          if (frame.present) peerRef.current?.addViewer(frame.viewer.peerId);
          else peerRef.current?.removeViewer(frame.viewer.peerId);
          break;
        }
        case 'signal':
          void peerRef.current?.receive(frame.peerId, frame.signal).catch(() => undefined);
          break;
        case 'error':
          if (frame.code === 'not_found') setGone(true);
          break;
        case 'pong':
          break;
      }
    };
    const socket = new SessionConnection({
      url: sessionSocketUrl(slug, sessionId, token),
      onFrame,
      onState: setConnection,
    });
    connectionRef.current = socket;
    socket.start();
    return () => {
      cancelled = true;
      socket.stop();
      connectionRef.current = null;
    };
  }, [slug, sessionId, token, replaceViewers]);

  // once the session is over, nothing more comes on its socket
  const ended = over(session);
  useEffect(() => {
    if (ended) connectionRef.current?.stop();
  }, [ended]);

  const sendSignal = useCallback((peerId: string, signal: RtcSignal) => {
    connectionRef.current?.send({ type: 'signal', peerId, signal });
  }, []);

  return { session, gone, viewers, connection, setSession, sendSignal, peerRef, viewersRef };
}
