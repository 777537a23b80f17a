/**
 * Session lifetimes. `idleMinutes` is the code default of the `security.sessionIdleMinutes`
 * setting; the absolute lifetime caps a session however active it is.
 */
export const sessionPolicy = {
  cookieName: 'tandem_session',
  idleMinutes: 60,
  /** the longest idle time a session can have under any account's security.sessionIdleMinutes */
  maxIdleMinutes: 1440,
  absoluteHours: 12,
  /** last_seen_at is written at most this often, not on every request */
  touchEverySeconds: 60,
} as const;
