import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteToAgent, RemoteToConsole, Tile } from '../../../../shared/remote/protocol.js';
import { RemotePeer } from '../../../../shared/rtc/remote-peer.js';
import { rtcSignalSchema, type RtcSignal } from '../../../../shared/session-signals.js';
import { useLiveConnectionId, useLiveMessage, useLiveSend, useLiveStatus } from '../../../live/useLive.js';
import { fetchIceServers } from '../api.js';
import { useWatchedSession } from '../useWatchedSession.js';
import { FileTransfers, sha256Hex, type Transfer, type TransferDeps } from './files.js';
import { RateMeter, relayUrl, RemoteTransport, type TransportKind } from './transport.js';

type Hello = Extract<RemoteToConsole, { t: 'hello' }>;
type Listing = Extract<RemoteToConsole, { t: 'file.list' }>;
export type ScreenSize = { monitorId: number; width: number; height: number };

/** Takes the terminal's messages (the terminal panel registers one while its terminal is open). */
export type TerminalSink = (message: Extract<RemoteToConsole, { t: `term.${string}` }>) => void;

/** Draws tiles (the screen view registers one); null: tiles are acknowledged unseen. */
export type TileSink = (tile: Tile) => Promise<void>;

export interface RemoteFiles {
  announce: TransferDeps['announce'];
  refusal: TransferDeps['refusal'];
}

/**
 * A device session's live connection: watches the session on the live socket (the agent then offers
 * a peer connection to this socket), opens the relay at once with this socket's connection id, answers
 * the offer (the DataChannel then takes over), and reads the agent's messages into React state: what
 * the device offers (`hello`), the screen's size, the clipboard, folder listings, transfers, a restart.
 * A new live connection (a reconnection) starts again from the watch: the session resumes.
 */
export function useRemoteSession(sessionId: string, enabled: boolean, files: RemoteFiles) {
  const { t } = useTranslation();
  const liveSend = useLiveSend();
  const status = useLiveStatus();
  const connectionId = useLiveConnectionId();
  const { state, unwatched } = useWatchedSession(sessionId);
  const [kind, setKind] = useState<TransportKind | null>(null);
  const [hello, setHello] = useState<Hello | null>(null);
  const [screen, setScreen] = useState<ScreenSize | null>(null);
  const [clipboard, setClipboard] = useState<string | null>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [rebooting, setRebooting] = useState(false);
  const [rate, setRate] = useState<{ fps: number; kbps: number } | null>(null);
  const transport = useRef<RemoteTransport | null>(null);
  const transfersRef = useRef<FileTransfers | null>(null);
  const peer = useRef<RemotePeer | null>(null);
  const early = useRef<RtcSignal[]>([]);
  const sink = useRef<TileSink | null>(null);
  const terminalSink = useRef<TerminalSink | null>(null);
  // frames shown: animation frames in which the canvas changed (one screen change may come as several tiles)
  const frames = useRef(new RateMeter());
  const filesRef = useRef(files);
  const tRef = useRef(t);
  useEffect(() => {
    filesRef.current = files;
    tRef.current = t;
  });

  const onText = useCallback((message: RemoteToConsole) => {
    switch (message.t) {
      case 'hello':
        setHello(message);
        setRebooting(false);
        {
          const shown = message.monitors.find((m) => m.id === message.monitorId);
          if (shown) setScreen({ monitorId: shown.id, width: shown.width, height: shown.height });
        }
        return;
      case 'screen':
        setScreen({ monitorId: message.monitorId, width: message.width, height: message.height });
        return;
      case 'clipboard':
        setClipboard(message.text);
        return;
      case 'file.list':
        setListing(message);
        return;
      case 'rebooting':
        setRebooting(true);
        return;
      case 'refused':
        notifications.show({ color: 'orange', message: tRef.current(`remote.agentRefused.${message.reason}`) });
        return;
      case 'pong':
        return;
      case 'term.opened':
      case 'term.output':
      case 'term.exit':
        terminalSink.current?.(message);
        return;
      default:
        transfersRef.current?.handle(message);
    }
  }, []);

  useEffect(() => {
    if (!enabled || status !== 'open' || !connectionId || unwatched) return;
    let cancelled = false;
    const send = liveSend;
    early.current = [];
    send({ type: 'session.watch', sessionId });
    const made = new RemoteTransport({
      relayUrl: relayUrl(sessionId, connectionId),
      onText,
      onBinary: (message) => {
        if (message.kind === 'fileChunk') return transfersRef.current?.chunk(message);
        const draw = sink.current;
        const ack = () => void made.send({ t: 'ack', seq: message.seq });
        if (draw) void draw(message).then(ack, ack);
        else ack();
      },
      onKind: (next) => {
        setKind(next);
        if (next === null) transfersRef.current?.disconnected();
      },
    });
    transport.current = made;
    transfersRef.current = new FileTransfers({
      send: (m) => made.send(m),
      sendBinary: (b) => made.sendBinary(b),
      drained: (limit) => made.drained(limit),
      announce: (body) => filesRef.current.announce(body),
      refusal: (error) => filesRef.current.refusal?.(error) ?? null,
      sha256: sha256Hex,
      save: saveBlob,
      onChange: setTransfers,
    });
    void fetchIceServers(sessionId)
      .then(({ iceServers, iceTransportPolicy }) => {
        if (cancelled) return;
        const answerer = new RemotePeer({
          iceServers,
          iceTransportPolicy,
          send: (signal) => send({ type: 'session.signal', sessionId, signal }),
          onChannel: (channel) => made.attachChannel(channel),
        });
        peer.current = answerer;
        for (const signal of early.current.splice(0)) void answerer.receive(signal);
      })
      // no ICE servers: the relay carries the session
      .catch(() => undefined);
    const meter = window.setInterval(
      () => setRate({ fps: frames.current.read().fps, kbps: made.meter.read().kbps }),
      1000,
    );
    return () => {
      cancelled = true;
      window.clearInterval(meter);
      peer.current?.close();
      peer.current = null;
      made.close();
      transport.current = null;
      transfersRef.current?.disconnected();
      transfersRef.current = null;
      setKind(null);
      setRate(null);
      send({ type: 'session.leave', sessionId });
    };
  }, [enabled, status, connectionId, sessionId, unwatched, liveSend, onText]);

  useLiveMessage('session.signal', (message) => {
    if (message.sessionId !== sessionId) return;
    const signal = rtcSignalSchema.safeParse(message.signal);
    if (!signal.success) return;
    if (peer.current) void peer.current.receive(signal.data);
    else early.current.push(signal.data);
  });

  const send = useCallback((message: RemoteToAgent) => transport.current?.send(message) ?? false, []);
  const setSink = useCallback((draw: TileSink | null) => {
    sink.current = draw;
  }, []);
  const setTerminalSink = useCallback((take: TerminalSink | null) => {
    terminalSink.current = take;
  }, []);
  const frameShown = useCallback(() => frames.current.add(0, true), []);

  return {
    state,
    unwatched,
    kind,
    hello,
    screen,
    clipboard,
    listing,
    transfers,
    rebooting,
    rate,
    send,
    setSink,
    setTerminalSink,
    frameShown,
    sendFile: (file: File) => void transfersRef.current?.sendFile(file),
    getFile: (path: string, name: string, size: number) => void transfersRef.current?.getFile(path, name, size),
    cancelTransfer: (id: number) => transfersRef.current?.cancel(id),
  };
}
export type RemoteSession = ReturnType<typeof useRemoteSession>;

/** A received file handed to the browser as a download. */
function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
