import { randomBytes, createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  logoContentTypes,
  type CompanyDetail,
  type createCompanyBody,
  type DeleteRefusal,
  type LogoContentType,
  type updateCompanyBody,
} from '../../../shared/contracts/companies.js';
import type { Permission } from '../../../shared/permissions.js';
import { requireScoped } from '../../platform/access.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/constraint-violation.js';
import { authorize, companyFilter, hasCompanyAccess, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { AppError, conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { lockAccount } from '../../platform/tenancy/account-lock.js';
import { recordAudit } from '../audit/index.js';
import { auditedCompany, logoUrl, presentCompanyDetail } from './presenter.js';
import { requireCompany } from './access.js';
import * as repo from './repository.js';

const notFoundCompany = () => notFound('This company');

// --- database errors that are rules ------------------------------------------------------------

/** Unique names rely on the index `companies_account_name_key`: its violation is a 409 on `name`. */
function translateNameConflict(error: unknown): never {
  if (isUniqueViolation(error, 'companies_account_name_key')) {
    throw conflict('Another company of this account already has this name (names ignore case).', {
      reason: 'name_taken',
      field: 'name',
    });
  }
  throw error;
}

async function withNameRule<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return translateNameConflict(error);
  }
}

// --- visibility -------------------------------------------------------------------------------

/** The one entry to a company (see `requireCompany`), with the row locked when asked. */
const visibleCompany = (
  db: Queryable,
  actor: Actor,
  id: string,
  permission?: Permission,
  lock = false,
): Promise<repo.CompanyRow> => requireCompany(db, actor, id, permission, { lock });

/**
 * A company's time zone as its settings say (`general.timeZone`): the settings module, which builds
 * on this one, reads it; app.ts passes it in.
 */
export type CompanyTimeZone = (db: Queryable, accountId: string, companyId: string) => Promise<string>;

/** How many devices a company has: the devices module, which builds on this one, counts them; app.ts passes it in. */
export type CompanyDeviceCount = (db: Queryable, accountId: string, companyId: string) => Promise<number>;

async function detail(db: Queryable, actor: Actor, id: string, timeZoneOf: CompanyTimeZone): Promise<CompanyDetail> {
  const row = await repo.findCompanyDetail(db, actor.accountId, id); // read within the actor's account
  const { companyId } = requireScoped(
    actor,
    row && { accountId: actor.accountId, companyId: row.id },
    undefined,
    'This company',
  );
  return presentCompanyDetail(row!, actor, await timeZoneOf(db, actor.accountId, companyId));
}

// --- companies ----------------------------------------------------------------------------------

export async function getCompany(
  db: Db,
  actor: Actor,
  id: string,
  timeZoneOf: CompanyTimeZone,
): Promise<CompanyDetail> {
  return detail(db, actor, id, timeZoneOf);
}

export async function listCompanies(
  db: Db,
  actor: Actor,
  query: { q?: string; sort: repo.CompanyListFilter['sort']; order: 'asc' | 'desc' },
  limit: number,
  after: [string | number, string] | null,
) {
  return repo.listCompanies(db, { accountId: actor.accountId, visible: companyFilter(actor), ...query }, limit, after);
}

/** The companies the actor can see, as choices: names and colours, by name. */
export async function listCompanyChoices(
  db: Db,
  actor: Actor,
  q: string | undefined,
  limit: number,
  after: [string, string] | null,
) {
  return repo.listCompanyChoices(db, { accountId: actor.accountId, visible: companyFilter(actor), q }, limit, after);
}

export async function createCompany(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: z.infer<typeof createCompanyBody>,
  timeZoneOf: CompanyTimeZone,
): Promise<CompanyDetail> {
  authorize(actor, 'companies.create');
  return withNameRule(() =>
    db.transaction(async (tx) => {
      const row = await repo.insertCompany(tx, actor.accountId, { name: body.name, color: body.color ?? null });
      await recordAudit(tx, ctx, {
        action: 'company.create',
        objectType: 'company',
        objectId: row.id,
        after: auditedCompany(row),
      });
      return detail(tx, actor, row.id, timeZoneOf);
    }),
  );
}

export async function updateCompany(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: z.infer<typeof updateCompanyBody>,
  timeZoneOf: CompanyTimeZone,
): Promise<CompanyDetail> {
  return withNameRule(() =>
    db.transaction(async (tx) => {
      const before = await visibleCompany(tx, actor, id, 'companies.update', true);
      const changes: { name?: string; color?: string | null } = {};
      if (patch.name !== undefined && patch.name !== before.name) changes.name = patch.name;
      if (patch.color !== undefined && patch.color !== before.color) changes.color = patch.color;
      if (Object.keys(changes).length > 0) {
        const after = (await repo.updateCompany(tx, actor.accountId, id, changes))!;
        await recordAudit(tx, ctx, {
          action: 'company.update',
          objectType: 'company',
          objectId: id,
          before: auditedCompany(before),
          after: auditedCompany(after),
        });
      }
      return detail(tx, actor, id, timeZoneOf);
    }),
  );
}

function refusal(message: string, details: DeleteRefusal): AppError {
  return conflict(message, details);
}

/**
 * Deletes a company, refused (409) when it is the account's last one, when it still has
 * devices, or when some users would be left with no company (they are listed).
 */
export async function deleteCompany(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  deviceCountOf: CompanyDeviceCount,
): Promise<void> {
  await db.transaction(async (tx) => {
    await visibleCompany(tx, actor, id, 'companies.delete');
    // one deletion at a time per account: two could otherwise both see "not the last one"
    await lockAccount(tx, actor.accountId);
    const company = await repo.lockCompany(tx, actor.accountId, id);
    if (!company) throw notFoundCompany();
    if ((await repo.countCompanies(tx, actor.accountId)) <= 1) {
      throw refusal('This is the last company of the account; an account keeps at least one.', {
        reason: 'last_company',
      });
    }
    const deviceCount = await deviceCountOf(tx, actor.accountId, id);
    if (deviceCount > 0) {
      throw refusal(
        `This company still has ${deviceCount} device(s). Move them to another company or clear the inventory first.`,
        {
          reason: 'has_devices',
          deviceCount,
        },
      );
    }
    const stranded = await repo.usersOnlyIn(tx, actor.accountId, id);
    if (stranded.length > 0) {
      throw refusal(
        `${stranded.length} user(s) have no other company. Give them another company first, or delete them.`,
        {
          reason: 'users_left_without_company',
          userCount: stranded.length,
          users: stranded,
        },
      );
    }
    try {
      await repo.deleteCompany(tx, actor.accountId, id);
    } catch (error) {
      // a device that arrived meanwhile: the foreign key refuses, as the rule does
      if (isForeignKeyViolation(error))
        throw refusal('This company has devices now. Move them or clear the inventory first.', {
          reason: 'has_devices',
          deviceCount: 1,
        });
      throw error;
    }
    await recordAudit(tx, ctx, {
      action: 'company.delete',
      objectType: 'company',
      objectId: id,
      before: auditedCompany(company),
    });
  });
}

// --- data key -------------------------------------------------------------------------------------

export function newDataKey(): string {
  return `tdk_${randomBytes(32).toString('hex')}`;
}

/** A new enrolment key: the old one stops working for new enrolments; enrolled devices keep theirs. */
export async function rotateDataKey(db: Db, ctx: RequestContext, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const before = await visibleCompany(tx, actor, id, 'companies.update', true);
    const after = (await repo.setDataKey(tx, actor.accountId, id, newDataKey()))!;
    // the keys themselves never go to the audit log
    await recordAudit(tx, ctx, {
      action: 'company.rotate_data_key',
      objectType: 'company',
      objectId: id,
      before: { dataKeyRotatedAt: before.dataKeyRotatedAt?.toISOString() ?? null },
      after: { dataKeyRotatedAt: after.dataKeyRotatedAt?.toISOString() ?? null },
    });
    return { dataKey: after.dataKey, dataKeyRotatedAt: after.dataKeyRotatedAt?.toISOString() ?? null };
  });
}

// --- logo -----------------------------------------------------------------------------------------

/** The image type the bytes themselves show, whatever the request claims; null when none allowed. */
export function sniffImageType(bytes: Buffer): LogoContentType | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length >= 16 && bytes.subarray(0, 8).equals(png) && bytes.toString('latin1', 12, 16) === 'IHDR')
    return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 16 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP' &&
    bytes.toString('latin1', 12, 15) === 'VP8'
  ) {
    return 'image/webp';
  }
  return null;
}

const unsupportedLogo = (message: string) => new AppError('unsupported_media_type', message);

export async function putLogo(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  declaredType: string,
  bytes: unknown,
) {
  const declared = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  if (!Buffer.isBuffer(bytes) || !(logoContentTypes as readonly string[]).includes(declared)) {
    throw unsupportedLogo('Send the logo as the request body with Content-Type image/png, image/jpeg or image/webp.');
  }
  return db.transaction(async (tx) => {
    await visibleCompany(tx, actor, id, 'companies.update', true);
    const actual = sniffImageType(bytes);
    if (!actual) throw unsupportedLogo('This file is not a PNG, JPEG or WebP image.');
    if (actual !== declared)
      throw unsupportedLogo(`This file is a ${actual.slice(6).toUpperCase()} image but was sent as ${declared}.`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const before = await repo.findLogoInfo(tx, actor.accountId, id);
    const logo = await repo.upsertLogo(tx, actor.accountId, id, { contentType: actual, bytes, sha256 });
    await repo.touchCompany(tx, actor.accountId, id);
    await recordAudit(tx, ctx, {
      action: 'company.update_logo',
      objectType: 'company',
      objectId: id,
      before: before ? { contentType: before.contentType, size: before.size, sha256: before.sha256 } : null,
      after: { contentType: logo.contentType, size: logo.size, sha256: logo.sha256 },
    });
    return {
      contentType: actual,
      size: logo.size,
      sha256: logo.sha256,
      updatedAt: logo.updatedAt.toISOString(),
      url: logoUrl(id, logo.sha256),
    };
  });
}

export async function getLogo(db: Db, actor: Actor, id: string) {
  await visibleCompany(db, actor, id);
  const logo = await repo.findLogo(db, actor.accountId, id);
  if (!logo) throw notFound('This company has no logo; it');
  return logo;
}

export async function removeLogo(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await visibleCompany(tx, actor, id, 'companies.update', true);
    const removed = await repo.deleteLogo(tx, actor.accountId, id);
    if (!removed) return;
    await repo.touchCompany(tx, actor.accountId, id);
    await recordAudit(tx, ctx, { action: 'company.delete_logo', objectType: 'company', objectId: id, before: removed });
  });
}

// --- user access ----------------------------------------------------------------------------------

export async function listCompanyUsers(
  db: Db,
  actor: Actor,
  id: string,
  options: { scope: 'access' | 'candidates'; q?: string },
  limit: number,
  after: [string, string] | null,
) {
  await visibleCompany(db, actor, id, 'users.read');
  return repo.listCompanyUsers(
    db,
    actor.accountId,
    id,
    options,
    { actorId: actor.userId, companyIds: companyFilter(actor) },
    limit,
    after,
  );
}

const notFoundUser = () => notFound('This user');

/**
 * Adds the company to a user's list (`grant`) or takes it out (`revoke`), audited on the user
 * with before and after. Administrators and "all companies" users have every company already;
 * a user's only company stays (every user keeps at least one). Doing what is done changes nothing.
 */
async function changeAccess(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  userId: string,
  change: 'grant' | 'revoke',
): Promise<void> {
  await db.transaction(async (tx) => {
    await visibleCompany(tx, actor, id, 'users.manage');
    const user = await repo.lockUserAccess(tx, actor.accountId, userId);
    if (!user) throw notFoundUser();
    if (user.role === 'administrator' || user.allCompanies) {
      throw conflict(`${user.name} has every company; change their company access on the Users page instead.`, {
        reason: 'all_companies',
      });
    }
    const has = user.companyIds.includes(id);
    if (has === (change === 'grant')) return;
    if (change === 'revoke' && user.companyIds.length === 1) {
      throw conflict(`This is ${user.name}'s only company; every user keeps at least one.`, { reason: 'only_company' });
    }
    const after = change === 'grant' ? [...user.companyIds, id].sort() : user.companyIds.filter((c) => c !== id);
    if (change === 'grant') await repo.grantCompany(tx, actor.accountId, userId, id);
    else await repo.revokeCompany(tx, actor.accountId, userId, id);
    await recordAudit(tx, ctx, {
      action: `user.${change}_company`,
      objectType: 'user',
      objectId: userId,
      before: { companyIds: user.companyIds },
      after: { companyIds: after },
    });
  });
}

export const grantAccess = (db: Db, ctx: RequestContext, actor: Actor, id: string, userId: string) =>
  changeAccess(db, ctx, actor, id, userId, 'grant');
export const revokeAccess = (db: Db, ctx: RequestContext, actor: Actor, id: string, userId: string) =>
  changeAccess(db, ctx, actor, id, userId, 'revoke');

// --- the company switcher ---------------------------------------------------------------------------

/** The remembered choice, or null when none or when the company is no longer visible. */
export async function getCompanyFilter(db: Db, actor: Actor): Promise<string | null> {
  const companyId = await repo.findCompanyFilter(db, actor.accountId, actor.userId);
  return companyId && hasCompanyAccess(actor, companyId) ? companyId : null;
}

/** A view preference of the user's own, like a sort order: not audited. */
export async function setCompanyFilter(db: Db, actor: Actor, companyId: string | null): Promise<string | null> {
  if (companyId !== null) await visibleCompany(db, actor, companyId);
  await repo.setCompanyFilter(db, actor.accountId, actor.userId, companyId);
  return companyId;
}
