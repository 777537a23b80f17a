import { createHmac } from 'node:crypto';
import type { IceServers } from '../../../shared/contracts/sessions.js';
import { limits } from '../../../shared/limits.js';
import type { Queryable } from '../../platform/db/pool.js';
import { loadSettings } from '../settings/index.js';

/**
 * A TURN credential by the TURN REST scheme (coturn's `use-auth-secret`): the user name is
 * `<unix expiry>:<session id>` and the password base64(HMAC-SHA1(secret, user name)); coturn
 * recomputes it from the same shared secret and refuses it after the expiry.
 */
export function turnCredential(
  secret: string,
  sessionId: string,
  expiresAt: Date,
): { username: string; credential: string } {
  const username = `${Math.floor(expiresAt.getTime() / 1000)}:${sessionId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The `sessions.iceServers` lines, STUN and TURN apart (blank lines dropped). */
export function parseIceLines(lines: string | null): { stun: string[]; turn: string[] } {
  const all = (lines ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return { stun: all.filter((l) => l.startsWith('stun:')), turn: all.filter((l) => /^turns?:/.test(l)) };
}

/**
 * The ICE servers of one session, from `sessions.iceServers` as resolved for its company: STUN as
 * set, TURN with a credential valid `limits.turnCredentialSeconds` — left out when the server has
 * no TURN secret (`TANDEM_TURN_SECRET`), since no credential could work. With `sessions.relayOnly`
 * the answer says `relay`: both pages then connect through TURN only (or not at all without it).
 */
export async function iceServersOf(
  db: Queryable,
  session: { id: string; accountId: string; companyId: string },
  turnSecret: string | undefined,
  now = new Date(),
): Promise<IceServers> {
  const settings = await loadSettings(db, session.accountId, [session.companyId]);
  const { stun, turn } = parseIceLines(settings.get('sessions.iceServers', session.companyId));
  const iceTransportPolicy = settings.get('sessions.relayOnly', session.companyId) ? 'relay' : 'all';
  const iceServers: IceServers['iceServers'] = [];
  if (stun.length > 0) iceServers.push({ urls: stun });
  if (turn.length === 0 || !turnSecret) return { iceServers, expiresAt: null, iceTransportPolicy };
  const expiresAt = new Date(now.getTime() + limits.turnCredentialSeconds * 1000);
  iceServers.push({ urls: turn, ...turnCredential(turnSecret, session.id, expiresAt) });
  return { iceServers, expiresAt: expiresAt.toISOString(), iceTransportPolicy };
}
