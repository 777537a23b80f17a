import { z } from 'zod';
import type {
  inviteBatchBody,
  InviteUserBody,
  ManagedUser,
  UpdateUserBody,
  UserFilter,
} from '../../../shared/contracts/users.js';
import { loadSettings } from '../settings/index.js';
import { limits } from '../../../shared/limits.js';
import { isTimeZone, type Language } from '../../../shared/locales.js';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { AppError, fieldError, fieldProblem, notFound } from '../../platform/http/app-error.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { findAccount } from '../accounts/index.js';
import { requireCompany } from '../companies/index.js';
import { recordAudit } from '../audit/index.js';
import { releaseAllSeats, userSeats } from '../seats/index.js';
import { emailTaken, resolveCompanyAccess, translatingEmailConflicts, type CompanyAccess } from './access.js';
import { openInvitationsOf } from './invitation-repository.js';
import { inviteUser, type Inviter } from './invitations.js';
import { assertNotLastAdministrator } from './lifecycle.js';
import { enqueueRightsChangedEmail } from './mail.js';
import { canSeeUser, userVisibility } from './policy.js';
import { presentManagedUser } from './presenter.js';
import {
  accountCompanies,
  activeAdministratorIds,
  companyIdsOf,
  listUsers,
  lockActiveAdministrators,
  lockUser,
  replaceCompanyAccess,
  takenEmails,
  usersByIds,
} from './repository.js';
import { findUser, findUserByEmail, updateUser, type UserRow } from '../users/index.js';

export interface UsersDeps {
  db: Db;
  config: Config;
}

/** Presents users with everything the views show, in a fixed number of queries whatever their count. */
export async function presentManagedUsers(
  db: Queryable,
  actor: Actor,
  rows: readonly UserRow[],
): Promise<ManagedUser[]> {
  const ids = rows.map((r) => r.id);
  const companies = await companyIdsOf(db, actor.accountId, ids);
  const seats = await userSeats(db, actor.accountId, ids);
  const invitations = await openInvitationsOf(db, actor.accountId, ids);
  const admins = await activeAdministratorIds(db, actor.accountId);
  return rows.map((row) =>
    presentManagedUser(actor, row, {
      companyIds: companies.get(row.id) ?? [],
      seats: seats.get(row.id) ?? [],
      invitation: row.status === 'invited' ? (invitations.get(row.id) ?? null) : null,
      activeAdministratorIds: admins,
    }),
  );
}

/** A company filter names one of the account's companies that the actor can reach, or answers 404. */
export async function assertCompanyVisible(db: Queryable, actor: Actor, companyId: string): Promise<void> {
  await requireCompany(db, actor, companyId);
}

/** What a users cursor holds for each sort: the lower-cased name, the e-mail, creation as PostgreSQL writes it. */
const userSortKey = { name: cursorPart.text, email: cursorPart.text, createdAt: cursorPart.pgTime } as const;

export async function listManagedUsers(db: Db, actor: Actor, query: UserFilter & { limit: number; cursor?: string }) {
  const { limit, cursor, ...filter } = query;
  if (filter.companyId) await assertCompanyVisible(db, actor, filter.companyId);
  const key = decodeCursor(
    cursor,
    z.tuple([...cursorPart.sortedBy(filter.sort, filter.order), userSortKey[filter.sort], cursorPart.id]),
  );
  const after: [string, string] | null = key && [key[2], key[3]];
  const rows = await listUsers(db, actor.accountId, filter, userVisibility(actor), limit + 1, after);
  const { page, nextCursor } = splitPage(rows, limit, (last) => [filter.sort, filter.order, last.sortKey, last.id]);
  return { items: await presentManagedUsers(db, actor, page), nextCursor };
}

/** Every user matching the filters, page after page, for the CSV export (which checks the company filter first). */
export async function* allMatchingUsers(
  db: Db,
  actor: Actor,
  filter: UserFilter,
  batch = 500,
): AsyncGenerator<UserRow[]> {
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await listUsers(db, actor.accountId, filter, userVisibility(actor), batch, after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = [last.sortKey, last.id];
  }
}

/** One user as the actor may see it: outside their visibility, of another account or missing, 404. */
export async function getManagedUser(db: Queryable, actor: Actor, userId: string): Promise<ManagedUser> {
  const user = await findUser(db, actor.accountId, userId);
  if (!user || !canSeeUser(actor, user)) throw notFound('This user');
  return oneRow(await presentManagedUsers(db, actor, [user]), 'presenting a user');
}

/**
 * Who invites, and the defaults new users get: the language and time zone of the settings
 * (general.language, general.timeZone) of their one company, or of the account.
 */
async function inviterOf(
  tx: Queryable,
  ctx: RequestContext,
  actor: Actor,
  config: Config,
  access: { companyIds: readonly string[] },
): Promise<{ inviter: Inviter; language: Language; timeZone: string }> {
  const account = await findAccount(tx, actor.accountId);
  const company = access.companyIds.length === 1 ? access.companyIds[0] : null;
  const settings = await loadSettings(tx, actor.accountId, company ? [company] : []);
  return {
    inviter: { ctx, actor, config, accountName: account?.name ?? '' },
    language: settings.get('general.language', company),
    timeZone: settings.get('general.timeZone', company),
  };
}

function assertTimeZone(timeZone: string | undefined, path = 'timeZone'): void {
  if (timeZone !== undefined && !isTimeZone(timeZone)) throw fieldError(path, 'unknown_time_zone', 'Unknown time zone');
}

export async function createManagedUser(
  { db, config }: UsersDeps,
  ctx: RequestContext,
  actor: Actor,
  body: InviteUserBody,
): Promise<ManagedUser> {
  assertTimeZone(body.timeZone);
  const id = await translatingEmailConflicts(() =>
    db.transaction(async (tx) => {
      if (await findUserByEmail(tx, actor.accountId, body.email)) throw emailTaken();
      const access = await resolveCompanyAccess(tx, actor.accountId, body.role, body.companyIds);
      const { inviter, language, timeZone } = await inviterOf(tx, ctx, actor, config, access);
      const user = await inviteUser(tx, inviter, {
        ...access,
        email: body.email,
        name: body.name,
        role: body.role,
        language: body.language ?? language,
        timeZone: body.timeZone ?? timeZone,
      });
      return user.id;
    }),
  );
  return getManagedUser(db, actor, id);
}

const nameFromEmail = (email: string) =>
  (email.split('@')[0] ?? '').slice(0, limits.name) || email.slice(0, limits.name);

/** Invites several people with the same role and access: all of them, or none. */
export async function inviteManagedUsers(
  { db, config }: UsersDeps,
  ctx: RequestContext,
  actor: Actor,
  body: z.infer<typeof inviteBatchBody>,
): Promise<ManagedUser[]> {
  const emails = body.people.map((p) => p.email);
  const duplicates = emails.flatMap((email, i) =>
    emails.indexOf(email) !== i
      ? [fieldProblem(`people.${i}.email`, 'duplicate', 'This e-mail address appears more than once.')]
      : [],
  );
  if (duplicates.length) throw new AppError('validation_failed', 'Some fields are not valid.', duplicates);
  const ids = await translatingEmailConflicts(() =>
    db.transaction(async (tx) => {
      const taken = await takenEmails(tx, actor.accountId, emails);
      if (taken.size) {
        const problems = emails.flatMap((email, i) =>
          taken.has(email)
            ? [fieldProblem(`people.${i}.email`, 'taken', 'A user with this e-mail address already exists.')]
            : [],
        );
        throw new AppError('conflict', 'Some of these people are already users; nobody was invited.', problems);
      }
      const access = await resolveCompanyAccess(tx, actor.accountId, body.role, body.companyIds);
      const { inviter, language, timeZone } = await inviterOf(tx, ctx, actor, config, access);
      const created: string[] = [];
      for (const person of body.people) {
        const user = await inviteUser(tx, inviter, {
          ...access,
          email: person.email,
          name: person.name ?? nameFromEmail(person.email),
          role: body.role,
          language: body.language ?? language,
          timeZone,
        });
        created.push(user.id);
      }
      return created;
    }),
  );
  const rows = await usersByIds(db, actor.accountId, ids);
  const byId = new Map((await presentManagedUsers(db, actor, rows)).map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)!);
}

const accessOf = (user: UserRow, companyIds: readonly string[]): 'all' | string[] =>
  user.allCompanies || user.role === 'administrator' ? 'all' : [...companyIds];

/**
 * Edits a user's details, role and company access. Demoting the last active administrator is
 * refused; a change of role or access is e-mailed to the user and applies on their next request.
 */
export async function updateManagedUser(
  { db, config }: UsersDeps,
  ctx: RequestContext,
  actor: Actor,
  userId: string,
  body: UpdateUserBody,
): Promise<ManagedUser> {
  assertTimeZone(body.timeZone);
  await translatingEmailConflicts(() =>
    db.transaction(async (tx) => {
      const admins = body.role !== undefined ? await lockActiveAdministrators(tx, actor.accountId) : null;
      const user = await lockUser(tx, actor.accountId, userId);
      if (!user) throw notFound('This user');
      const currentCompanyIds = (await companyIdsOf(tx, actor.accountId, [userId])).get(userId) ?? [];
      const role = body.role ?? user.role;
      if (admins && role !== 'administrator') assertNotLastAdministrator(admins, user.id, 'demote');
      if (role === 'administrator' && Array.isArray(body.companyIds))
        throw fieldError('companyIds', 'not_applicable', 'Administrators always have every company.');

      let access: CompanyAccess;
      if (role === 'administrator') access = { allCompanies: true, companyIds: [] };
      else if (body.companyIds !== undefined)
        access = await resolveCompanyAccess(tx, actor.accountId, role, body.companyIds);
      else if (user.allCompanies || user.role === 'administrator') access = { allCompanies: true, companyIds: [] };
      else access = { allCompanies: false, companyIds: currentCompanyIds };

      const beforeAccess = accessOf(user, currentCompanyIds);
      const afterAccess = access.allCompanies ? 'all' : access.companyIds;
      const accessChanged = JSON.stringify(beforeAccess) !== JSON.stringify(afterAccess);
      const roleChanged = role !== user.role;

      const patch: Parameters<typeof updateUser>[3] = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const field of ['email', 'name', 'language', 'timeZone'] as const) {
        const value = body[field];
        if (value !== undefined && value !== user[field]) {
          patch[field] = value;
          before[field] = user[field];
          after[field] = value;
        }
      }
      if (patch.email && (await findUserByEmail(tx, actor.accountId, patch.email))) throw emailTaken();
      if (roleChanged) {
        patch.role = role;
        before.role = user.role;
        after.role = role;
      }
      if (access.allCompanies !== user.allCompanies) patch.allCompanies = access.allCompanies;
      if (accessChanged) {
        before.companyAccess = beforeAccess;
        after.companyAccess = afterAccess;
      }
      if (Object.keys(after).length === 0) return;

      await updateUser(tx, actor.accountId, userId, patch);
      if (accessChanged) await replaceCompanyAccess(tx, actor.accountId, userId, access.companyIds);
      // viewers cannot hold seats: a user who becomes one gives theirs back
      if (roleChanged && role === 'viewer') {
        const released = await releaseAllSeats(tx, actor.accountId, userId);
        if (released.length) {
          before.seats = released;
          after.seats = [];
        }
      }
      await recordAudit(tx, ctx, { action: 'user.update', objectType: 'user', objectId: userId, before, after });

      if ((roleChanged || accessChanged) && user.status === 'active') {
        const account = await findAccount(tx, actor.accountId);
        const names = access.allCompanies
          ? 'all'
          : (await accountCompanies(tx, actor.accountId, access.companyIds)).map((c) => c.name);
        await enqueueRightsChangedEmail(tx, config, {
          to: {
            accountId: actor.accountId,
            userId,
            email: patch.email ?? user.email,
            name: patch.name ?? user.name,
            language: (patch.language ?? user.language) as Language,
            timeZone: patch.timeZone ?? user.timeZone,
            role,
          },
          roleChanged,
          companies: names,
          accountName: account?.name ?? '',
          actorName: actor.name,
        });
      }
    }),
  );
  return getManagedUser(db, actor, userId);
}
