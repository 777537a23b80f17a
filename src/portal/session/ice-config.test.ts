import { describe, expect, it } from 'vitest';
import { heldIceConfig, iceConfigFresh, iceRenewalDelayMs, iceRenewalMinMs } from './ice-config.js';

const issued = Date.parse('2026-12-06T10:00:00Z');
const stun = [{ urls: ['stun:stun.example.net:3478'] }];
const turn = [...stun, { urls: ['turn:turn.example.net:3478'], username: 'u', credential: 'c' }];

describe('session ICE servers', () => {
  it('asks again for TURN credentials once half their life has gone', () => {
    const held = heldIceConfig(
      { iceServers: turn, expiresAt: '2026-12-06T11:00:00Z', iceTransportPolicy: 'all' },
      issued,
    );
    expect(held.expiresAt).toBe(Date.parse('2026-12-06T11:00:00Z'));
    expect(iceConfigFresh(held, issued)).toBe(true);
    expect(iceConfigFresh(held, issued + 29 * 60_000)).toBe(true);
    expect(iceConfigFresh(held, issued + 30 * 60_000)).toBe(false);
    expect(iceConfigFresh(held, issued + 2 * 3600_000)).toBe(false);
  });

  it('keeps servers without credentials, and has none to keep before the first answer', () => {
    const held = heldIceConfig({ iceServers: stun, expiresAt: null, iceTransportPolicy: 'all' }, issued);
    expect(iceConfigFresh(held, issued + 24 * 3600_000)).toBe(true);
    expect(iceConfigFresh(null, issued)).toBe(false);
  });

  it('renews TURN credentials at half their life while the page stays open, never sooner than a minute apart', () => {
    const held = heldIceConfig(
      { iceServers: turn, expiresAt: '2026-12-06T11:00:00Z', iceTransportPolicy: 'all' },
      issued,
    );
    expect(iceRenewalDelayMs(held, issued)).toBe(30 * 60_000);
    expect(iceRenewalDelayMs(held, issued + 10 * 60_000)).toBe(20 * 60_000);
    // past due (a failed renewal, a sleeping laptop): soon, not in a loop
    expect(iceRenewalDelayMs(held, issued + 50 * 60_000)).toBe(iceRenewalMinMs);
    expect(iceRenewalDelayMs(null, issued)).toBe(iceRenewalMinMs);
    const stunOnly = heldIceConfig({ iceServers: stun, expiresAt: null, iceTransportPolicy: 'all' }, issued);
    expect(iceRenewalDelayMs(stunOnly, issued)).toBeNull();
  });
});
