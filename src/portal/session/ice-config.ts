import type { IceServers } from '../../shared/contracts/sessions.js';

/** The ICE servers a session's peer connections use, and when their TURN credentials were issued. */
export interface HeldIceConfig {
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** ms since the epoch; null when no TURN credentials expire */
  expiresAt: number | null;
  fetchedAt: number;
}

export function heldIceConfig(answer: IceServers, now: number): HeldIceConfig {
  return {
    iceServers: answer.iceServers,
    iceTransportPolicy: answer.iceTransportPolicy,
    expiresAt: answer.expiresAt ? Date.parse(answer.expiresAt) : null,
    fetchedAt: now,
  };
}

/** When the servers should be asked again: half their credentials' life; null when nothing expires. */
function renewalDue(held: HeldIceConfig): number | null {
  return held.expiresAt === null ? null : held.fetchedAt + (held.expiresAt - held.fetchedAt) / 2;
}

/**
 * Whether the servers may still be used for a new connection: TURN credentials are asked again
 * once half their life has gone, so a connection (or an ICE restart) made with them has the other
 * half to work in.
 */
export function iceConfigFresh(held: HeldIceConfig | null, now: number): held is HeldIceConfig {
  if (!held) return false;
  const due = renewalDue(held);
  return due === null || now < due;
}

/** The shortest wait between two renewals (a failed answer is not asked again at once). */
export const iceRenewalMinMs = 60_000;

/**
 * How long until the servers should be asked again: when half the credentials' life has gone (at
 * least `iceRenewalMinMs` from now); null when nothing expires.
 */
export function iceRenewalDelayMs(held: HeldIceConfig | null, now: number): number | null {
  const due = held ? renewalDue(held) : now;
  return due === null ? null : Math.max(iceRenewalMinMs, due - now);
}
