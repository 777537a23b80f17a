import type { z } from 'zod';
import type { createScimTokenBody } from '../../../shared/contracts/scim-tokens.js';
import type { Actor } from '../../platform/authz.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import type { Db } from '../../platform/db/pool.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { presentScimToken } from './token-presenter.js';
import { insertScimToken, revokeScimToken, type ScimTokenRow } from './token-repository.js';

/** SCIM tokens look like `tdm_scim_<43 url-safe characters>`. */
const tokenPrefix = 'tdm_scim_';

/** Creates a SCIM token for the actor's account, audited; its secret is returned this once and only its hash is kept. */
export async function createScimToken(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: z.infer<typeof createScimTokenBody>,
): Promise<{ row: ScimTokenRow; token: string }> {
  const token = tokenPrefix + randomSecret(32);
  const row = await db.transaction(async (tx) => {
    const created = await insertScimToken(tx, {
      accountId: actor.accountId,
      name: body.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 14),
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'scim_token.create',
      objectType: 'scim_token',
      objectId: created.id,
      after: presentScimToken(created),
    });
    return created;
  });
  return { row, token };
}

/** Revokes one of the account's live SCIM tokens, audited; it stops working at once. 404 when there is none such. */
export async function revokeAccountScimToken(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await revokeScimToken(tx, actor.accountId, id);
    if (!row) throw notFound('This SCIM token');
    await recordAudit(tx, ctx, {
      action: 'scim_token.revoke',
      objectType: 'scim_token',
      objectId: row.id,
      before: presentScimToken(row),
    });
  });
}
