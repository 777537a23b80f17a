import { describe, expect, it } from 'vitest';
import type { CustomerSession, Session } from '../../../shared/contracts/sessions.js';
import { sessionPhase } from './phase.js';

const session = (status: Session['status']) => ({ status }) as Session;
const live = (patch: Partial<CustomerSession>) =>
  ({ status: 'active', consented: true, sharing: false, ...patch }) as CustomerSession;

describe('sessionPhase', () => {
  it('follows the session before any live state', () => {
    expect(sessionPhase(session('waiting'), null, false)).toBe('waiting');
    expect(sessionPhase(session('joined'), null, false)).toBe('reading');
    expect(sessionPhase(session('active'), null, false)).toBe('consented');
    expect(sessionPhase(session('ended'), null, true)).toBe('ended');
    expect(sessionPhase(session('expired'), null, false)).toBe('expired');
  });

  it('prefers the live state, which moves first', () => {
    expect(sessionPhase(session('waiting'), live({ status: 'joined', consented: false }), false)).toBe('reading');
    expect(sessionPhase(session('joined'), live({ sharing: true }), false)).toBe('sharing');
    expect(sessionPhase(session('active'), live({ sharing: false }), true)).toBe('notSharing');
    expect(sessionPhase(session('active'), live({ status: 'ended' }), true)).toBe('ended');
  });

  it('keeps an end read from the server over an older live state', () => {
    expect(sessionPhase(session('ended'), live({ status: 'joined', consented: false }), false)).toBe('ended');
  });
});
