import type { Queryable } from '../../platform/db/pool.js';
import type { Actor } from '../../platform/authz.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { insertAuditEvent } from './repository.js';
import type { auditEvents } from './tables.js';

/** Who did it, as far as the audit log needs to know. */
export interface AuditContext {
  actor: Pick<Actor, 'userId' | 'accountId' | 'name' | 'via' | 'tokenId'> | null;
  ip: string | null;
  requestId: string;
  system?: true;
  scimToken?: { id: string; name: string; accountId: string };
}

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  before?: unknown;
  after?: unknown;
  /** defaults to the actor's account */
  accountId?: string | null;
}

/** Keys never written to the audit log, wherever they appear in before/after. */
const secretKeys = new Set(['password', 'passwordHash', 'token', 'tokenHash', 'secret', 'csrfToken']);

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !secretKeys.has(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/**
 * Writes one audit event. Call it with the transaction that makes the change, so the
 * change and its record commit together or not at all.
 */
export async function recordAudit(tx: Queryable, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(tx, auditRow(ctx, entry));
}

/** The row an audit event is stored as (for a caller that writes it in the same statement as its change). */
export function auditRow(ctx: AuditContext, entry: AuditEntry): typeof auditEvents.$inferInsert {
  const actor = ctx.actor;
  const scim = !actor && ctx.scimToken ? { ...ctx.scimToken, name: `SCIM: ${ctx.scimToken.name}` } : null;
  return {
    accountId: entry.accountId !== undefined ? entry.accountId : (actor?.accountId ?? ctx.scimToken?.accountId ?? null),
    actorType: actor
      ? actor.via === 'apiToken'
        ? 'apiToken'
        : 'user'
      : scim
        ? 'apiToken'
        : ctx.system
          ? 'system'
          : 'anonymous',
    actorId: actor?.userId ?? null,
    actorName: actor?.name ?? scim?.name ?? null,
    tokenId: actor?.tokenId ?? scim?.id ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    before: entry.before === undefined ? null : scrub(entry.before),
    after: entry.after === undefined ? null : scrub(entry.after),
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** The context of work the system does by itself (start-up, command line, jobs). */
export function systemContext(requestId = 'system'): RequestContext {
  return { actor: null, ip: null, requestId, system: true };
}
