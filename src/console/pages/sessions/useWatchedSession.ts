import { useState } from 'react';
import type { CustomerSession } from '../../../shared/contracts/sessions.js';
import { sessionServerFrame } from '../../../shared/session-signals.js';
import { useLiveMessage } from '../../live/useLive.js';

export type Unwatched = 'ended' | 'not_found' | 'seat_required' | 'transferred';

/** A watched session's state as the live socket tells it (`session.state`), and why it stopped being watched. */
export function useWatchedSession(sessionId: string) {
  const [state, setState] = useState<CustomerSession | null>(null);
  const [unwatched, setUnwatched] = useState<Unwatched | null>(null);
  useLiveMessage('session.state', (message) => {
    const frame = sessionServerFrame.safeParse(message);
    if (frame.success && frame.data.type === 'session.state' && frame.data.sessionId === sessionId)
      setState(frame.data.state);
  });
  useLiveMessage('session.unwatched', (message) => {
    const frame = sessionServerFrame.safeParse(message);
    if (frame.success && frame.data.type === 'session.unwatched' && frame.data.sessionId === sessionId)
      setUnwatched(frame.data.reason);
  });
  return { state, unwatched };
}
