import { useCallback, useEffect, useRef, useState } from 'react';
import { ScreenSender, screenSharingSupport, shareScreen } from '../../shared/rtc/screen-share.js';
import { sessionApi } from './api.js';
import { heldIceConfig, iceConfigFresh, iceRenewalDelayMs, type HeldIceConfig } from './ice-config.js';
import type { StoredSession } from './storage.js';
import type { SessionLive } from './useSessionLive.js';

export type ShareState = 'idle' | 'starting' | 'sharing';
export type ShareProblem = 'cancelled' | 'failed' | null;

/**
 * The customer's screen: captured on "Share my screen", handed to one ScreenSender that offers it
 * to every watching technician socket, stopped by "Stop sharing" or by the browser's own stop.
 * The sender is made before the customer shares (the ICE servers asked, a peer connection per
 * watching socket), so that Share only adds the screen; TURN credentials past half their life are
 * asked again while the screen is being picked. Automated browsers (the tests) have no one to pick
 * a screen: they capture this tab.
 */
export function useScreenShare(slug: string, stored: StoredSession, live: SessionLive) {
  const [state, setState] = useState<ShareState>('idle');
  const [problem, setProblem] = useState<ShareProblem>(null);
  const supported = useState(() => screenSharingSupport() === 'supported')[0];
  const sender = useRef<ScreenSender | null>(null);
  const preparing = useRef<Promise<ScreenSender> | null>(null);
  const ice = useRef<HeldIceConfig | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const { sessionId, token } = stored;
  const { peerRef, viewersRef, sendSignal, setSession } = live;

  const iceConfig = useCallback(async (): Promise<HeldIceConfig> => {
    if (iceConfigFresh(ice.current, Date.now())) return ice.current;
    const held = heldIceConfig(await sessionApi.iceServers(slug, sessionId, token), Date.now());
    ice.current = held;
    return held;
  }, [slug, sessionId, token]);

  /** The sender, made once (again after a failure or a close). */
  const prepare = useCallback((): Promise<ScreenSender> => {
    if (!preparing.current) {
      const made = iceConfig().then((config) => {
        if (preparing.current !== made) throw new Error('closed');
        const created = new ScreenSender({ ...config, send: sendSignal });
        sender.current = created;
        peerRef.current = created;
        for (const viewer of viewersRef.current) created.addViewer(viewer.peerId);
        return created;
      });
      preparing.current = made;
      made.catch(() => {
        if (preparing.current === made) preparing.current = null;
      });
    }
    return preparing.current;
  }, [iceConfig, sendSignal, peerRef, viewersRef]);

  useEffect(() => {
    if (supported) prepare().catch(() => undefined);
  }, [supported, prepare]);

  // while the page stays open, TURN credentials are renewed at half their life: a technician who
  // starts watching (or comes back) an hour into the share gets working ones
  useEffect(() => {
    if (!supported) return;
    let timer: number | undefined;
    let cancelled = false;
    const renew = async () => {
      try {
        if (sender.current) sender.current.setIceServers(await iceConfig());
      } catch {
        // asked again at the next turn
      }
      const wait = cancelled ? null : iceRenewalDelayMs(ice.current, Date.now());
      if (wait !== null) timer = window.setTimeout(() => void renew(), wait);
    };
    timer = window.setTimeout(() => void renew(), iceRenewalDelayMs(null, Date.now())!);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [supported, iceConfig]);

  const release = useCallback(() => {
    const current = stream.current;
    stream.current = null;
    sender.current?.setStream(null);
    for (const track of current?.getTracks() ?? []) {
      track.onended = null;
      track.stop();
    }
  }, []);

  const stop = useCallback(async () => {
    if (!stream.current) return;
    release();
    setState('idle');
    try {
      setSession(await sessionApi.sharing(slug, sessionId, token, false));
    } catch {
      // the server hears of it from the socket's state too; the screen is no longer sent either way
    }
  }, [release, setSession, slug, sessionId, token]);

  const start = useCallback(async () => {
    setProblem(null);
    setState('starting');
    // while the customer picks a screen: the sender made, its TURN credentials fresh
    const ready = prepare().then(async (made) => {
      made.setIceServers(await iceConfig());
      return made;
    });
    ready.catch(() => undefined);
    let captured: MediaStream;
    try {
      captured = await shareScreen({ preferCurrentTab: navigator.webdriver === true });
    } catch (error) {
      setState('idle');
      setProblem(error instanceof DOMException && error.name === 'NotAllowedError' ? 'cancelled' : 'failed');
      return;
    }
    try {
      stream.current = captured;
      (await ready).setStream(captured);
      for (const track of captured.getVideoTracks()) track.onended = () => void stop();
      setSession(await sessionApi.sharing(slug, sessionId, token, true));
      setState('sharing');
    } catch {
      for (const track of captured.getTracks()) track.stop();
      stream.current = null;
      sender.current?.setStream(null);
      setState('idle');
      setProblem('failed');
    }
  }, [prepare, iceConfig, setSession, slug, sessionId, token, stop]);

  /** The session is over, or the page leaves it: stop sending and close every peer connection. */
  const close = useCallback(() => {
    release();
    preparing.current = null;
    sender.current?.close();
    sender.current = null;
    peerRef.current = null;
    setState('idle');
  }, [release, peerRef]);

  useEffect(() => close, [close]);

  return { supported, state, problem, start, stop, close };
}
