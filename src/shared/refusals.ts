/**
 * Why a valid request was refused — a 409 `conflict` mostly, a few 403s, 401s and 429s — as
 * `details: { reason, ...facts }`: the closed set of reasons and the facts each one carries, so
 * the console can say what happened and offer the way out. (Field problems are the other kind of
 * details: src/shared/field-problems.ts.) Types only: the portal may import it.
 */
import type { Module } from './licence.js';

type RequestStatus = 'waiting' | 'active' | 'offline' | 'answered' | 'closed';
type SessionStatus = 'waiting' | 'joined' | 'active' | 'ended' | 'expired';

export interface RefusalFacts {
  // companies
  last_company: object;
  has_devices: { deviceCount: number };
  users_left_without_company: { userCount: number; users: { id: string; name: string; email: string }[] };
  /** another company of the account has this name (names ignore case) */
  name_taken: { field: 'name' };
  all_companies: object;
  only_company: object;
  // portals
  slug_taken: { field: 'slug' };
  attachments_disabled: object;
  // seats and devices
  count_below_use: { module: Module; requested: number; inUse: number };
  device_limit_below_use: { requested: number; inUse: number };
  role_cannot_hold: { module: Module; userId: string };
  user_disabled: { module: Module; userId: string };
  seats_exhausted: { module: Module; seats: number; inUse: number };
  seat_required: { module: Module };
  device_limit_reached: { deviceLimit: number };
  // users and sign-in
  not_invited: object;
  last_administrator: object;
  second_factor_required: object;
  /** sign-in attempts of this address or e-mail over the limit (429) */
  too_many_attempts: { retryAfterSeconds: number };
  // passkeys
  /** no passkey ceremony is waiting here (never started, already answered, or older than two minutes) */
  passkey_ceremony_expired: object;
  /** the credential is not a passkey of this server (or of this user, at the second step) */
  passkey_unknown: object;
  /** the authenticator did not verify the person (PIN, fingerprint, face) */
  passkey_not_verified: object;
  /** the answer does not check out: another address, a bad signature, a cloned authenticator */
  passkey_refused: object;
  /** this passkey is already registered */
  passkey_taken: object;
  // contacts
  managed_by_profile: { field?: 'name' | 'value' };
  user_contact: object;
  too_many_methods: object;
  already_verified: object;
  verification_exhausted: object;
  verification_expired: object;
  // the outbox
  already_sent: object;
  in_flight: object;
  // support requests
  closed: object;
  over_capacity: { capacity: number };
  taken: { by: { id: string; name: string } | null };
  not_waiting: { status: RequestStatus };
  not_active: { status: RequestStatus };
  not_question: { status: RequestStatus };
  same_technician: object;
  /** the customer already answered the satisfaction question of this chat */
  already_rated: object;
  /** no satisfaction question for this request (not a chat a technician held and closed, or the setting is off) */
  rating_not_asked: object;
  chat_sockets_per_address: { limit: number };
  chat_sockets_per_token: { limit: number };
  // remote-support sessions
  session_sockets_per_address: { limit: number };
  session_sockets_per_token: { limit: number };
  /** the technician already holds `sessions.maxPerTechnician` open sessions */
  session_limit: { limit: number; userId: string };
  /** the session is over (ended or expired) */
  session_over: { status: SessionStatus };
  /** the chat already has a session that is not over */
  session_open: { sessionId: string };
  /** the technician named cannot see the session's company */
  no_company_access: { userId: string };
  already_watching: { userId: string };
  /** the customer already consented: the recording choice is made */
  consented: object;
  /** `sessions.recording` of the session is not `optional` */
  recording_fixed: { policy: 'off' | 'optional' | 'always' };
  /** a device session's relay asked of a server process that does not hold the caller's live socket */
  relay_elsewhere: object;
  // device sessions
  /** the device was revoked: its agent cannot be reached */
  revoked: object;
  /** the device's agent holds no control socket now */
  agent_offline: object;
  /** the device already serves an open session */
  busy: { sessionId: string | null };
  /** a device session's action asked of an attended session */
  not_device_session: object;
  /** a control action asked of a view-only device session */
  view_only: object;
  /** a device session's action asked before its consent or after its end */
  session_not_active: { status: SessionStatus };
  // the packaged agent
  /** `npm run build:agent` was not run on this server (a 404) */
  agent_not_built: object;
}

export type RefusalReason = keyof RefusalFacts;

/** One refusal's details, discriminated by `reason`. */
export type RefusalDetails = { [R in RefusalReason]: { reason: R } & RefusalFacts[R] }[RefusalReason];

export const refusalReasons = Object.keys({
  last_company: 1,
  has_devices: 1,
  users_left_without_company: 1,
  name_taken: 1,
  all_companies: 1,
  only_company: 1,
  slug_taken: 1,
  attachments_disabled: 1,
  count_below_use: 1,
  device_limit_below_use: 1,
  role_cannot_hold: 1,
  user_disabled: 1,
  seats_exhausted: 1,
  seat_required: 1,
  device_limit_reached: 1,
  not_invited: 1,
  last_administrator: 1,
  second_factor_required: 1,
  too_many_attempts: 1,
  passkey_ceremony_expired: 1,
  passkey_unknown: 1,
  passkey_not_verified: 1,
  passkey_refused: 1,
  passkey_taken: 1,
  managed_by_profile: 1,
  user_contact: 1,
  too_many_methods: 1,
  already_verified: 1,
  verification_exhausted: 1,
  verification_expired: 1,
  already_sent: 1,
  in_flight: 1,
  closed: 1,
  over_capacity: 1,
  taken: 1,
  not_waiting: 1,
  not_active: 1,
  not_question: 1,
  same_technician: 1,
  already_rated: 1,
  rating_not_asked: 1,
  chat_sockets_per_address: 1,
  chat_sockets_per_token: 1,
  session_sockets_per_address: 1,
  session_sockets_per_token: 1,
  session_limit: 1,
  session_over: 1,
  session_open: 1,
  no_company_access: 1,
  already_watching: 1,
  consented: 1,
  recording_fixed: 1,
  relay_elsewhere: 1,
  revoked: 1,
  agent_offline: 1,
  busy: 1,
  not_device_session: 1,
  view_only: 1,
  session_not_active: 1,
  agent_not_built: 1,
} satisfies Record<RefusalReason, 1>) as RefusalReason[];

/** The refusal an error's details hold, or null (field problems, no details, a reason unknown here). */
export function refusalOf(details: unknown): RefusalDetails | null {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const reason = (details as { reason?: unknown }).reason;
  return typeof reason === 'string' && (refusalReasons as string[]).includes(reason)
    ? (details as RefusalDetails)
    : null;
}
