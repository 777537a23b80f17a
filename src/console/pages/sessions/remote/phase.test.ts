import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../../shared/contracts/sessions.js';
import { devicePhase } from './phase.js';

const createdAt = '2026-01-01T10:00:00.000Z';
const at = (seconds: number) => Date.parse(createdAt) + seconds * 1000;
const event = (type: SessionEvent['type'], data: Record<string, unknown> = {}): SessionEvent => ({
  id: type,
  type,
  side: 'system',
  actor: null,
  data,
  at: createdAt,
});
const base = {
  liveStatus: null,
  consent: { mode: 'ask' as const, seconds: 30 },
  showing: false,
  rebooting: false,
  now: at(0),
};

describe('device session phase', () => {
  it('counts down while the person at the device is asked, says notify and allow', () => {
    const session = { status: 'waiting' as const, outcome: null, timeline: [], createdAt };
    expect(devicePhase({ ...base, session, now: at(4.2) })).toEqual({ phase: 'ask', seconds: 26 });
    expect(devicePhase({ ...base, session, now: at(31) })).toEqual({ phase: 'askExpired' });
    expect(devicePhase({ ...base, session, consent: { mode: 'notify', seconds: 30 } })).toEqual({ phase: 'notify' });
    expect(devicePhase({ ...base, session, consent: { mode: 'allow', seconds: 30 } })).toEqual({ phase: 'allow' });
  });

  it('says a refusal and its reason', () => {
    const refused = (result: unknown) => ({
      status: 'ended' as const,
      outcome: 'refused' as const,
      timeline: [event('created'), event('declined', { result }), event('ended')],
      createdAt,
    });
    expect(devicePhase({ ...base, session: refused('timed_out') })).toEqual({ phase: 'refused', reason: 'timed_out' });
    expect(devicePhase({ ...base, session: refused('declined') })).toEqual({ phase: 'refused', reason: 'declined' });
    expect(devicePhase({ ...base, session: refused('no_one_to_ask') })).toEqual({
      phase: 'refused',
      reason: 'no_one_to_ask',
    });
    expect(devicePhase({ ...base, session: refused(undefined) })).toEqual({ phase: 'refused', reason: 'unknown' });
    const ended = { status: 'ended' as const, outcome: 'resolved' as const, timeline: [], createdAt };
    expect(devicePhase({ ...base, session: ended })).toEqual({ phase: 'ended' });
  });

  it('once active: notified or accepted, then the screen shown, and a restart', () => {
    const session = (mode: string) => ({
      status: 'active' as const,
      outcome: null,
      timeline: [event('consented', { mode })],
      createdAt,
    });
    expect(devicePhase({ ...base, session: session('notify') })).toEqual({ phase: 'notified' });
    expect(devicePhase({ ...base, session: session('ask') })).toEqual({ phase: 'accepted' });
    expect(devicePhase({ ...base, session: session('allow') })).toEqual({ phase: 'connecting' });
    expect(devicePhase({ ...base, session: session('ask'), showing: true })).toEqual({ phase: 'showing' });
    expect(devicePhase({ ...base, session: session('ask'), showing: true, rebooting: true })).toEqual({
      phase: 'rebooting',
    });
    // the live state moves first
    expect(devicePhase({ ...base, session: session('ask'), liveStatus: 'ended' })).toEqual({ phase: 'ended' });
  });
});
