import type { Db, Tx } from '../../platform/db/pool.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { loadSettings } from '../settings/index.js';
import { deleteUserIn, disableUserIn } from '../user-admin/index.js';
import { insertUser, updateUser } from '../users/index.js';
import { listResponse } from './discovery.js';
import { scimNotFound } from './errors.js';
import { parseUserFilter } from './filter.js';
import { pageOf, type PageQuery } from './paging.js';
import { patchUserResource, readPatch } from './patch.js';
import { translatingUniqueness, uniqueness } from './unique.js';
import { emailTaken, findScimUser, listScimUsers, saveScimUser } from './user-repository.js';
import { presentScimUser, readScimUser, type ScimUserInput, type ScimUserRecord } from './user-resource.js';
import type { Json } from './values.js';

/** A SCIM request's context: who (the token, for the audit log) and which account. */
export type ScimContext = RequestContext & { accountId: string };

const takenMessage = 'A user with this userName (e-mail address) already exists in the account.';
const emailIndex = 'users_account_email_key';

/** What the audit log keeps of a SCIM user. */
const audited = (input: Pick<ScimUserInput, 'email' | 'name' | 'externalId'> & { active: boolean }) => ({
  userName: input.email,
  name: input.name,
  externalId: input.externalId,
  active: input.active,
});
const auditedRecord = (user: ScimUserRecord) => audited({ ...user, active: user.status !== 'disabled' });

/** GET /Users: the filter's matches, one page (startIndex is 1-based), with the total. */
export async function listUsers(db: Db, ctx: ScimContext, query: PageQuery, baseUrl: string): Promise<Json> {
  const conditions = parseUserFilter(query.filter);
  const { startIndex, count } = pageOf(query);
  const { total, users } = await listScimUsers(db, ctx.accountId, conditions, startIndex - 1, count);
  return listResponse(
    users.map((u) => presentScimUser(u, baseUrl)),
    total,
    startIndex,
  );
}

export async function getUser(db: Db, ctx: ScimContext, id: string, baseUrl: string): Promise<Json> {
  const user = await findScimUser(db, ctx.accountId, id);
  if (!user) throw scimNotFound('This user');
  return presentScimUser(user, baseUrl);
}

async function reload(tx: Tx, ctx: ScimContext, id: string, baseUrl: string): Promise<Json> {
  const user = await findScimUser(tx, ctx.accountId, id);
  if (!user) throw scimNotFound('This user');
  return presentScimUser(user, baseUrl);
}

/**
 * POST /Users: a user without a password — they sign in through single sign-on (or set a password with
 * "Forgot password?") — as a viewer of no company until the group rules (or an administrator) give more.
 * The language and time zone are the account's. 409 `uniqueness` for an e-mail the account already has.
 */
export async function createUser(db: Db, ctx: ScimContext, body: Json, baseUrl: string): Promise<Json> {
  const input = readScimUser(body);
  return db.transaction(async (tx) => {
    if (await emailTaken(tx, ctx.accountId, input.email)) throw uniqueness(takenMessage);
    const settings = await loadSettings(tx, ctx.accountId);
    const user = await translatingUniqueness(emailIndex, takenMessage, () =>
      insertUser(
        tx,
        {
          accountId: ctx.accountId,
          email: input.email,
          name: input.name,
          passwordHash: null,
          role: 'viewer',
          status: input.active ? 'active' : 'disabled',
          language: settings.get('general.language'),
          timeZone: settings.get('general.timeZone'),
          allCompanies: false,
        },
        [],
      ),
    );
    await saveScimUser(tx, { userId: user.id, accountId: ctx.accountId, ...names(input) });
    await recordAudit(tx, ctx, {
      action: 'scim.user.create',
      objectType: 'user',
      objectId: user.id,
      after: { ...audited(input), role: user.role },
    });
    return reload(tx, ctx, user.id, baseUrl);
  });
}

const names = (input: ScimUserInput) => ({
  externalId: input.externalId,
  givenName: input.givenName,
  familyName: input.familyName,
});

/**
 * Makes a user what the input says, in the caller's transaction: name, e-mail, what SCIM keeps, and `active` —
 * false disables the user through the users' lifecycle (sessions and live sockets end at once; never the last
 * active administrator: 409), true enables them again.
 */
async function applyInput(
  tx: Tx,
  ctx: ScimContext,
  user: ScimUserRecord,
  input: ScimUserInput,
  action: 'scim.user.replace' | 'scim.user.update',
): Promise<void> {
  if (input.email !== user.email && (await emailTaken(tx, ctx.accountId, input.email, user.id)))
    throw uniqueness(takenMessage);
  await translatingUniqueness(emailIndex, takenMessage, () =>
    updateUser(tx, ctx.accountId, user.id, { name: input.name, email: input.email }),
  );
  await saveScimUser(tx, { userId: user.id, accountId: ctx.accountId, ...names(input) });
  const wasActive = user.status !== 'disabled';
  if (!input.active && wasActive) await disableUserIn(tx, ctx, ctx.accountId, user.id);
  if (input.active && !wasActive) {
    await updateUser(tx, ctx.accountId, user.id, { status: 'active' });
    await recordAudit(tx, ctx, {
      accountId: ctx.accountId,
      action: 'user.enable',
      objectType: 'user',
      objectId: user.id,
      before: { status: user.status },
      after: { status: 'active' },
    });
  }
  await recordAudit(tx, ctx, {
    action,
    objectType: 'user',
    objectId: user.id,
    before: auditedRecord(user),
    after: audited(input),
  });
}

/** PUT /Users/{id}: the whole user replaced (Okta sends every attribute). */
export async function replaceUser(db: Db, ctx: ScimContext, id: string, body: Json, baseUrl: string): Promise<Json> {
  const input = readScimUser(body);
  return db.transaction(async (tx) => {
    const user = await findScimUser(tx, ctx.accountId, id);
    if (!user) throw scimNotFound('This user');
    await applyInput(tx, ctx, user, input, 'scim.user.replace');
    return reload(tx, ctx, id, baseUrl);
  });
}

/** PATCH /Users/{id}: the operations applied to the user as SCIM shows them, then kept as a PUT would be. */
export async function patchUser(db: Db, ctx: ScimContext, id: string, body: Json, baseUrl: string): Promise<Json> {
  const operations = readPatch(body);
  return db.transaction(async (tx) => {
    const user = await findScimUser(tx, ctx.accountId, id);
    if (!user) throw scimNotFound('This user');
    const input = readScimUser(patchUserResource(presentScimUser(user, baseUrl), operations));
    await applyInput(tx, ctx, user, input, 'scim.user.update');
    return reload(tx, ctx, id, baseUrl);
  });
}

/** DELETE /Users/{id}: the user deleted through the users' lifecycle (never the last active administrator: 409). */
export async function deleteScimUser(db: Db, ctx: ScimContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findScimUser(tx, ctx.accountId, id);
    if (!user) throw scimNotFound('This user');
    await deleteUserIn(tx, ctx, ctx.accountId, id);
    await recordAudit(tx, ctx, {
      action: 'scim.user.delete',
      objectType: 'user',
      objectId: id,
      before: auditedRecord(user),
    });
  });
}
