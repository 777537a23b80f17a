import { useEffect, useRef, useState } from 'react';
import { ScreenReceiver } from '../../../shared/rtc/screen-share.js';
import { rtcSignalSchema, type RtcSignal } from '../../../shared/session-signals.js';
import { useLiveMessage, useLiveSend, useLiveStatus } from '../../live/useLive.js';
import { fetchIceServers } from './api.js';
import { useWatchedSession } from './useWatchedSession.js';

/**
 * Watches a session on the live socket (once `enabled`: a customer is there): sends `session.watch` whenever the socket is (again) open
 * (the customer's page then offers its screen to this connection), answers through a ScreenReceiver,
 * and follows the session's state. A reconnection starts a new peer connection: the session resumes.
 */
export function useScreenReceiver(sessionId: string, enabled: boolean) {
  const liveSend = useLiveSend();
  const status = useLiveStatus();
  const { state, unwatched } = useWatchedSession(sessionId);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [connection, setConnection] = useState<RTCPeerConnectionState | null>(null);
  const [receiver, setReceiver] = useState<ScreenReceiver | null>(null);
  // signals that arrive before the ICE servers are known wait here
  const early = useRef<RtcSignal[]>([]);
  const current = useRef<ScreenReceiver | null>(null);

  useEffect(() => {
    if (!enabled || status !== 'open' || unwatched) return;
    let cancelled = false;
    const send = liveSend;
    early.current = [];
    send({ type: 'session.watch', sessionId });
    void fetchIceServers(sessionId)
      .then(({ iceServers, iceTransportPolicy }) => {
        if (cancelled) return;
        const made = new ScreenReceiver({
          iceServers,
          iceTransportPolicy,
          send: (signal) => send({ type: 'session.signal', sessionId, signal }),
          onStream: setStream,
          onState: setConnection,
        });
        current.current = made;
        setReceiver(made);
        for (const signal of early.current.splice(0)) void made.receive(signal);
      })
      .catch(() => setConnection('failed'));
    return () => {
      cancelled = true;
      current.current?.close();
      current.current = null;
      setReceiver(null);
      setStream(null);
      send({ type: 'session.leave', sessionId });
    };
  }, [enabled, status, sessionId, unwatched, liveSend]);

  useLiveMessage('session.signal', (message) => {
    if (message.sessionId !== sessionId) return;
    const signal = rtcSignalSchema.safeParse(message.signal);
    if (!signal.success) return;
    if (current.current) void current.current.receive(signal.data);
    else early.current.push(signal.data);
  });

  return { state, stream, connection, unwatched, receiver, liveStatus: status };
}
