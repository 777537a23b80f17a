import type { Actor } from '../../platform/authz.js';
import { channels } from '../../platform/realtime/channels.js';
import type { NotifyHub } from '../../platform/realtime/notify-hub.js';

/** Who a credential stood for when it was last read from the database. */
export interface CachedIdentity {
  actor: Actor;
  /** sessions only */
  session: {
    idHash: string;
    csrfToken: string;
    secondFactorPending: boolean;
    /** epoch milliseconds, by this process's clock */
    expiresAt: number;
    lastSeenAt: number;
    /** the account's security.sessionIdleMinutes, in milliseconds */
    idleMs: number;
  } | null;
  /** API tokens only */
  token: { id: string; expiresAt: number | null; lastUsedAt: number | null } | null;
  /** security.requireTwoFactor applies to this user and they have no confirmed second factor */
  mustEnrolTwoFactor: boolean;
}

interface Entry {
  value: CachedIdentity;
  /** the change counter when the value started loading */
  loadedAt: number;
  storedAt: number;
}

/**
 * A per-process memory of recently authenticated credentials, so that a request costs no
 * database round trip to say who is calling. Correctness never rests on the time to live alone:
 * every change to what an identity is made of marks its account changed — at once in the
 * process that made the change (the request that changed it), and in every other process when
 * PostgreSQL's notification arrives (milliseconds). While the notification connection is lost
 * nothing is served from memory, and when it is back everything is forgotten. Entries also
 * expire after `ttlMs`, and at most `maxEntries` are kept.
 */
export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  /** a counter of changes: each account remembers the count at its last change */
  private changes = 0;
  private readonly changedAt = new Map<string, number>();
  private clearedAt = 0;
  private hub: NotifyHub | null = null;
  private readonly listeners = new Set<(accountId: string | null) => void>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Caching, and hearing about changes from other processes right now. */
  get enabled(): boolean {
    return this.ttlMs > 0 && (this.hub === null || this.hub.connected);
  }

  /** Take it before loading an identity and give it to `set`: a change during the load wins. */
  mark(): number {
    return this.changes;
  }

  get(key: string): CachedIdentity | null {
    if (!this.enabled) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    const stale =
      this.now() - entry.storedAt > this.ttlMs ||
      entry.loadedAt < this.clearedAt ||
      (this.changedAt.get(entry.value.actor.accountId) ?? 0) > entry.loadedAt;
    if (stale) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  set(key: string, value: CachedIdentity, mark: number): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, loadedAt: mark, storedAt: this.now() });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Everything cached for this account is stale. */
  accountChanged(accountId: string): void {
    this.changedAt.set(accountId, ++this.changes);
    for (const listener of this.listeners) listener(accountId);
  }

  clear(): void {
    this.clearedAt = ++this.changes;
    this.entries.clear();
    this.changedAt.clear();
    for (const listener of this.listeners) listener(null);
  }

  /**
   * Calls `listener` at every change, synchronously: with the account's id, or null when every
   * account may have changed (open live sockets re-check their identity). Returns the unsubscribe.
   */
  onChange(listener: (accountId: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Follows the database's announcements; forgets everything when notifications may have been missed. */
  async follow(hub: NotifyHub): Promise<void> {
    await hub.subscribe(channels.identity, (payload) => {
      if (typeof payload === 'string' && payload.length > 0) this.accountChanged(payload);
      else this.clear();
    });
    hub.onReconnect(() => this.clear());
    this.hub = hub;
  }
}
