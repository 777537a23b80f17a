import type { Portal, PortalSummary, PublicPortal, UpdatePortalBody } from '../../../shared/contracts/portals.js';
import { attachmentContentTypes } from '../../../shared/contracts/support-requests.js';
import { translations } from '../../../shared/i18n/index.js';
import { limits } from '../../../shared/limits.js';
import { asLocalizedText, textIn } from '../../../shared/localized-text.js';
import type { Language } from '../../../shared/locales.js';
import { roleCan } from '../../../shared/permissions.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import { requireScoped } from '../../platform/access.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { SharedRead } from '../../platform/db/shared-read.js';
import { isUniqueViolation } from '../../platform/db/constraint-violation.js';
import { conflict, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { countAvailable } from '../presence/index.js';
import { loadSettings, type ResolvedSettings } from '../settings/index.js';
import { isOpenAt } from './business-hours.js';
import * as repo from './repository.js';

const notFoundPortal = () => notFound('This portal');

/** What a portal's behaviour depends on, resolved once: language, time zone, the portal.* settings. */
export interface PortalContext {
  portal: repo.PortalWithCompany;
  settings: ResolvedSettings;
  language: Language;
  /** the account's general.language: its texts stand in for a language left empty */
  accountLanguage: Language;
  timeZone: string;
  waitTimeoutSeconds: number;
  allowAttachments: boolean;
  /** the offline message in the portal's language, else in the account's, else the built-in text */
  offlineMessage: string;
  /** the welcome text in the portal's language, else in the account's, else empty */
  welcome: string;
}

export async function portalContext(
  db: Queryable,
  portal: repo.PortalWithCompany,
  settings?: ResolvedSettings,
): Promise<PortalContext> {
  settings ??= await loadSettings(db, portal.accountId, [portal.companyId]);
  const language = (portal.language as Language | null) ?? settings.get('general.language', portal.companyId);
  const accountLanguage = settings.get('general.language');
  return {
    portal,
    settings,
    language,
    accountLanguage,
    timeZone: portal.businessHours?.timeZone ?? settings.get('general.timeZone', portal.companyId),
    waitTimeoutSeconds: settings.get('portal.waitTimeoutSeconds', portal.companyId),
    allowAttachments: settings.get('portal.allowAttachments', portal.companyId),
    offlineMessage:
      textIn(settings.get('portal.offlineMessage', portal.companyId), language, accountLanguage) ??
      translations[language].supportMail.defaultOfflineMessage,
    welcome: textIn(portal.welcome, language, accountLanguage) ?? '',
  };
}

export const portalPath = (slug: string) => `/portal/${slug}`;
const publicLogoUrl = (portal: repo.PortalWithCompany) =>
  portal.logoSha256 ? `/api/portal/${portal.slug}/logo?v=${portal.logoSha256.slice(0, 16)}` : null;

function present(ctx: PortalContext, actor: Actor, now: Date): Portal {
  const { portal, settings } = ctx;
  const setting = <K extends 'portal.waitTimeoutSeconds' | 'portal.offlineMessage' | 'portal.allowAttachments'>(
    key: K,
  ) => ({
    value: settings.get(key, portal.companyId),
    source: settings.source(key, portal.companyId),
  });
  return {
    id: portal.id,
    companyId: portal.companyId,
    enabled: portal.enabled,
    slug: portal.slug,
    path: portalPath(portal.slug),
    title: portal.title,
    welcome: asLocalizedText(portal.welcome),
    language: portal.language as Language | null,
    effectiveLanguage: ctx.language,
    accountLanguage: ctx.accountLanguage,
    fields: portal.fields,
    businessHours: portal.businessHours,
    effectiveTimeZone: ctx.timeZone,
    openNow: isOpenAt(portal.businessHours, ctx.timeZone, now),
    color: portal.color,
    logoUrl: publicLogoUrl(portal),
    settings: {
      waitTimeoutSeconds: setting('portal.waitTimeoutSeconds'),
      offlineMessage: setting('portal.offlineMessage'),
      allowAttachments: setting('portal.allowAttachments'),
    },
    updatedAt: portal.updatedAt.toISOString(),
    abilities: { update: roleCan(actor.role, 'portals.update') },
  };
}

async function visiblePortal(
  db: Queryable,
  actor: Actor,
  companyId: string,
  forUpdate = false,
): Promise<repo.PortalWithCompany> {
  const portal = await repo.findPortalOfCompany(db, actor.accountId, companyId, { forUpdate });
  return requireScoped(actor, portal, undefined, 'This portal');
}

export async function getPortal(db: Queryable, actor: Actor, companyId: string, now = new Date()): Promise<Portal> {
  const portal = await visiblePortal(db, actor, companyId);
  return present(await portalContext(db, portal), actor, now);
}

const isSlugTaken = (error: unknown) => isUniqueViolation(error, 'portals_slug_key');

const audited = (p: repo.PortalRow) => ({
  enabled: p.enabled,
  slug: p.slug,
  title: p.title,
  welcome: p.welcome,
  language: p.language,
  fields: p.fields,
  businessHours: p.businessHours,
});

/** Changes what was sent (administrators); a slug taken by any other portal is a 409 on `slug`. */
export async function updatePortal(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  companyId: string,
  patch: UpdatePortalBody,
): Promise<Portal> {
  try {
    return await db.transaction(async (tx) => {
      const before = await visiblePortal(tx, actor, companyId, true);
      authorize(actor, 'portals.update');
      const changes = Object.fromEntries(
        Object.entries(patch).filter(
          ([key, value]) =>
            value !== undefined && JSON.stringify(value) !== JSON.stringify(before[key as keyof repo.PortalRow]),
        ),
      );
      if (Object.keys(changes).length > 0) {
        await repo.updatePortal(tx, actor.accountId, before.id, changes);
        const after = (await repo.findPortalOfCompany(tx, actor.accountId, companyId))!;
        await recordAudit(tx, ctx, {
          action: 'portal.update',
          objectType: 'portal',
          objectId: before.id,
          before: audited(before),
          after: audited(after),
        });
      }
      return getPortal(tx, actor, companyId);
    });
  } catch (error) {
    if (isSlugTaken(error))
      throw conflict('Another portal already uses this address; choose another.', {
        field: 'slug',
        reason: 'slug_taken',
      });
    throw error;
  }
}

/** An enabled portal at its public address, or 404 (disabled and unknown look the same). */
export async function enabledPortal(
  db: Queryable,
  slug: string,
  find = repo.findPortalBySlug,
): Promise<repo.PortalWithCompany> {
  const portal = await find(db, slug);
  if (!portal || !portal.enabled) throw notFoundPortal();
  return portal;
}

const portalReads = new SharedRead<repo.PortalWithCompany | null>();
const contextReads = new SharedRead<PortalContext>();

/**
 * `enabledPortal` and `portalContext` for the customers' sockets, through the pool: sockets of one
 * portal connecting at the same moment (a reconnect storm) share one read of each.
 */
export const sharedReads = {
  enabledPortal(db: Db, slug: string): Promise<repo.PortalWithCompany> {
    return enabledPortal(db, slug, () => portalReads.read(slug, () => repo.findPortalBySlug(db, slug)));
  },
  portalContext(db: Db, portal: repo.PortalWithCompany): Promise<PortalContext> {
    return contextReads.read(`${portal.id}:${portal.updatedAt.getTime()}`, () => portalContext(db, portal));
  },
};

/** Whether a new request would reach the live queue now: within hours and someone available. */
export async function liveOpen(
  db: Queryable,
  ctx: PortalContext,
  now: Date,
): Promise<{ open: boolean; available: boolean }> {
  const open = isOpenAt(ctx.portal.businessHours, ctx.timeZone, now);
  const available = open && (await countAvailable(db, ctx.portal.accountId, ctx.portal.companyId, now)) > 0;
  return { open, available };
}

export async function publicPortal(db: Queryable, slug: string, now = new Date()): Promise<PublicPortal> {
  const portal = await enabledPortal(db, slug);
  const ctx = await portalContext(db, portal);
  const { open, available } = await liveOpen(db, ctx, now);
  return {
    slug: portal.slug,
    title: portal.title,
    welcome: ctx.welcome,
    language: ctx.language,
    companyName: portal.companyName,
    color: portal.color,
    logoUrl: publicLogoUrl(portal),
    fields: portal.fields,
    allowAttachments: ctx.allowAttachments,
    attachmentMaxBytes: limits.attachmentBytes,
    attachmentTypes: [...attachmentContentTypes],
    openNow: open,
    liveAvailable: available,
    offlineMessage: ctx.offlineMessage,
    waitTimeoutSeconds: ctx.waitTimeoutSeconds,
  };
}

export async function publicLogo(db: Queryable, slug: string) {
  const portal = await enabledPortal(db, slug);
  const logo = await repo.findLogoBytes(db, portal.companyId);
  if (!logo) throw notFound('This logo');
  return logo;
}

/** The console's list of portals: the companies the actor can see, with each portal's state and address. */
export async function listPortals(
  db: Queryable,
  actor: Actor,
  q: string | undefined,
  limit: number,
  after: [string, string] | null,
) {
  authorize(actor, 'portals.read');
  const rows = await repo.listPortals(
    db,
    { accountId: actor.accountId, visible: companyFilter(actor), q },
    limit,
    after,
  );
  const present = (r: repo.PortalListRow): PortalSummary => ({
    companyId: r.companyId,
    companyName: r.companyName,
    color: r.color,
    enabled: r.enabled,
    slug: r.slug,
    path: portalPath(r.slug),
    title: r.title,
  });
  return { rows, present };
}
