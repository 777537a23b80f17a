import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../../shared/contracts/sessions.js';
import type { ConsentMode } from '../../../../shared/remote/grant.js';
import { sessionKeys } from '../api.js';
import { devicePhase } from './phase.js';
import type { RemoteSession } from './useRemoteSession.js';

/**
 * Where the device session stands, worded, ticking each second while someone at the device is asked;
 * the session as stored is read again when the live state moves (consent, end).
 */
export function useDevicePhase(
  session: SessionDetail,
  remote: Pick<RemoteSession, 'state' | 'unwatched' | 'hello' | 'rebooting' | 'kind'>,
  consent: { mode: ConsentMode; seconds: number } | null,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const waiting = session.status === 'waiting' || session.status === 'joined';
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [waiting]);
  const phase = devicePhase({
    session,
    liveStatus: remote.unwatched === 'ended' ? 'ended' : (remote.state?.status ?? null),
    consent,
    showing: remote.hello !== null && remote.kind !== null,
    rebooting: remote.rebooting,
    now,
  });
  const text =
    phase.phase === 'refused'
      ? t(`remote.refused.${phase.reason}`)
      : phase.phase === 'ask'
        ? t('remote.phase.ask', { seconds: phase.seconds })
        : remote.unwatched && remote.unwatched !== 'ended'
          ? t(`sessions.unwatched.${remote.unwatched}`)
          : t(`remote.phase.${phase.phase}`);
  const stateKey = remote.state ? `${remote.state.status}:${remote.state.consented}` : '';
  useEffect(() => {
    if (stateKey || remote.unwatched) void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) });
  }, [stateKey, remote.unwatched, queryClient, session.id]);
  return { phase, text, over: phase.phase === 'ended' || phase.phase === 'refused' };
}
