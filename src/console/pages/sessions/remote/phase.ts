import type { ConsentMode } from '../../../../shared/remote/grant.js';
import type { SessionDetail, SessionStatus } from '../../../../shared/contracts/sessions.js';

export type DevicePhase =
  | { phase: 'allow' | 'notify' | 'askExpired' | 'notified' | 'accepted' | 'connecting' | 'showing' | 'rebooting' }
  | { phase: 'ask'; seconds: number }
  | { phase: 'refused'; reason: 'declined' | 'timed_out' | 'no_one_to_ask' | 'unknown' }
  | { phase: 'ended' };

const refusals = ['declined', 'timed_out', 'no_one_to_ask'] as const;

/**
 * Where a device session stands for the technician: the consent step while it waits (with the
 * seconds left to answer when someone is asked), the refusal and its reason, the connection, the
 * screen shown, a restart.
 */
export function devicePhase(input: {
  session: Pick<SessionDetail, 'status' | 'outcome' | 'timeline' | 'createdAt'>;
  /** the live state's status, when the socket said one (it moves first) */
  liveStatus: SessionStatus | null;
  consent: { mode: ConsentMode; seconds: number } | null;
  showing: boolean;
  rebooting: boolean;
  now: number;
}): DevicePhase {
  const { session } = input;
  const status =
    session.status === 'ended' || session.status === 'expired' ? session.status : (input.liveStatus ?? session.status);
  if (status === 'ended' || status === 'expired') {
    if (session.outcome !== 'refused') return { phase: 'ended' };
    const declined = [...session.timeline].reverse().find((e) => e.type === 'declined');
    const result = declined?.data.result;
    return {
      phase: 'refused',
      reason: (refusals as readonly unknown[]).includes(result) ? (result as (typeof refusals)[number]) : 'unknown',
    };
  }
  if (status === 'waiting' || status === 'joined') {
    if (!input.consent || input.consent.mode === 'allow') return { phase: 'allow' };
    if (input.consent.mode === 'notify') return { phase: 'notify' };
    const left = Math.ceil(input.consent.seconds - (input.now - Date.parse(session.createdAt)) / 1000);
    return left > 0 ? { phase: 'ask', seconds: Math.min(left, input.consent.seconds) } : { phase: 'askExpired' };
  }
  if (input.rebooting) return { phase: 'rebooting' };
  if (input.showing) return { phase: 'showing' };
  const consented = [...session.timeline].reverse().find((e) => e.type === 'consented');
  const mode = consented?.data.mode ?? consented?.data.consent;
  if (mode === 'notify') return { phase: 'notified' };
  if (mode === 'ask') return { phase: 'accepted' };
  return { phase: 'connecting' };
}
