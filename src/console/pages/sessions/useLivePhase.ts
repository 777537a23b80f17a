import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';
import { sessionKeys } from './api.js';
import { sessionPhase } from './phase.js';
import { groupedCode } from './SessionCodeView.js';
import type { useScreenReceiver } from './useScreenReceiver.js';

/**
 * Where the live session stands, worded (while it waits: the code to give when the page was opened
 * from the new session's code, the chat when it was asked for there); the session as stored is read
 * again when the live state moves.
 */
export function useLivePhase(session: SessionDetail, live: ReturnType<typeof useScreenReceiver>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const code = (useLocation().state as { code?: string } | null)?.code;
  const [everShared, setEverShared] = useState(false);
  if (live.state?.sharing && !everShared) setEverShared(true);
  const phase = live.unwatched && live.unwatched !== 'ended' ? null : sessionPhase(session, live.state, everShared);
  const text =
    phase === null
      ? t(`sessions.unwatched.${live.unwatched ?? 'not_found'}`)
      : phase === 'waiting' && !code
        ? // a session asked for in a chat waits for the customer's answer there, not for a code
          t(session.requestId ? 'sessions.phase.waitingChat' : 'sessions.phase.waitingNoCode')
        : t(`sessions.phase.${phase}`, { code: code ? groupedCode(code) : '' });
  // the live state moved (consent, sharing, end): the session as stored moved with it
  const stateKey = live.state ? `${live.state.status}:${live.state.consented}:${live.state.sharing}` : '';
  useEffect(() => {
    if (stateKey || live.unwatched) void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) });
  }, [stateKey, live.unwatched, queryClient, session.id]);
  return { phase, text, over: phase === 'ended' || phase === 'expired' };
}
