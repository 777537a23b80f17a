import { z } from 'zod';
import type { createApiTokenBody } from '../../../shared/contracts/api-tokens.js';
import type { Actor } from '../../platform/authz.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { notFound } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { presentToken } from './presenter.js';
import { insertToken, listTokens, revokeToken, type ApiTokenRow } from './repository.js';

/** Tokens look like `tdm_<43 url-safe characters>`; the prefix helps people recognise them. */
const tokenPrefix = 'tdm_';

/** A page of the actor's live tokens, newest first, with the cursor of the next. */
export async function listOwnTokens(
  db: Queryable,
  actor: Actor,
  query: { limit: number; cursor?: string },
): Promise<{ page: ApiTokenRow[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, z.tuple([cursorPart.isoTime, cursorPart.id]));
  const rows = await listTokens(db, actor.accountId, actor.userId, query.limit, after);
  return splitPage(rows, query.limit, (last) => [last.createdAt.toISOString(), last.id]);
}

/** Creates a token for the actor, audited; its secret is returned this once and only its hash is kept. */
export async function createToken(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: z.infer<typeof createApiTokenBody>,
): Promise<{ row: ApiTokenRow; token: string }> {
  const token = tokenPrefix + randomSecret(32);
  const row = await db.transaction(async (tx) => {
    const created = await insertToken(tx, {
      accountId: actor.accountId,
      userId: actor.userId,
      name: body.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    });
    await recordAudit(tx, ctx, {
      action: 'api_token.create',
      objectType: 'api_token',
      objectId: created.id,
      after: presentToken(created),
    });
    return created;
  });
  return { row, token };
}

/** Revokes one of the actor's own live tokens, audited; 404 when there is none such. */
export async function revokeOwnToken(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await revokeToken(tx, actor.accountId, actor.userId, id);
    if (!row) throw notFound('This API token');
    await recordAudit(tx, ctx, {
      action: 'api_token.revoke',
      objectType: 'api_token',
      objectId: row.id,
      before: presentToken(row),
    });
  });
}
