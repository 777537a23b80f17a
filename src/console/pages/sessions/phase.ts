import type { CustomerSession, Session } from '../../../shared/contracts/sessions.js';

export type Phase = 'waiting' | 'reading' | 'consented' | 'sharing' | 'notSharing' | 'ended' | 'expired';

/**
 * Where the session stands for the technician: the live state from the socket when there is one
 * (it moves first), else the session as last read.
 */
export function sessionPhase(session: Session, live: CustomerSession | null, everShared: boolean): Phase {
  // an end is final, whichever side learnt it first
  const status =
    session.status === 'ended' || session.status === 'expired' ? session.status : (live?.status ?? session.status);
  if (status === 'ended') return 'ended';
  if (status === 'expired') return 'expired';
  if (status === 'waiting') return 'waiting';
  if (status === 'joined' || (live && !live.consented)) return 'reading';
  if (live?.sharing) return 'sharing';
  return everShared ? 'notSharing' : 'consented';
}
