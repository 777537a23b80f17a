import type { CustomerRating, RateChat, Rating, RatingSummary } from '../../../shared/contracts/satisfaction.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { conflict } from '../../platform/http/app-error.js';
import { requireCompany } from '../companies/index.js';
import { portalContext } from '../portals/index.js';
import * as ratings from './satisfaction-repository.js';
import { visitorAccess, type VisitorAccess } from './visitor.js';

const dayMs = 86_400_000;

const presentRating = (row: ratings.RatingRow): Rating => ({
  score: row.score,
  comment: row.comment,
  createdAt: row.createdAt.toISOString(),
});

/** The question is asked of a live chat a technician took, once it is closed, while the portal's setting is on. */
async function asked(db: Queryable, access: VisitorAccess): Promise<boolean> {
  const { request, portal } = access;
  if (request.status !== 'closed' || request.kind !== 'chat' || request.acceptedAt === null) return false;
  const ctx = await portalContext(db, portal);
  return ctx.settings.get('portal.satisfactionSurvey', portal.companyId);
}

/** The customer's end-of-chat view: whether the question is asked, and their answer if they gave one. */
export async function customerRating(db: Queryable, access: VisitorAccess): Promise<CustomerRating> {
  const row = await ratings.findRating(db, access.request.id);
  if (row) return { asked: true, rating: presentRating(row) };
  return { asked: await asked(db, access), rating: null };
}

/**
 * The customer's answer, stored once per chat with the technician who held it (409
 * `already_rated` after that, even for two answers sent at once; 409 `rating_not_asked` when
 * the question is not asked of this request).
 */
export async function rateChat(
  db: Db,
  slug: string,
  id: string,
  token: string | undefined,
  body: RateChat,
): Promise<Rating> {
  const access = await visitorAccess(db, slug, id, token);
  if (await ratings.findRating(db, access.request.id))
    throw conflict('This chat has already been rated.', { reason: 'already_rated' });
  if (!(await asked(db, access)))
    throw conflict('This request has no satisfaction question.', { reason: 'rating_not_asked' });
  const { request } = access;
  const row = await ratings.insertRating(db, {
    requestId: request.id,
    accountId: request.accountId,
    companyId: request.companyId,
    technicianId: request.assigneeId,
    score: body.score,
    comment: body.comment ? body.comment : null,
  });
  if (!row) throw conflict('This chat has already been rated.', { reason: 'already_rated' });
  return presentRating(row);
}

/**
 * Ratings over a period (whole UTC days), for the companies the actor can see (one named
 * outside them answers 404): the total, per technician and per company.
 */
export async function ratingSummary(
  db: Queryable,
  actor: Actor,
  query: { from?: string; to?: string; companyId?: string },
): Promise<RatingSummary> {
  authorize(actor, 'reports.read');
  if (query.companyId) await requireCompany(db, actor, query.companyId);
  return ratings.ratingFigures(db, {
    accountId: actor.accountId,
    companyIds: query.companyId ? [query.companyId] : companyFilter(actor),
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    until: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + dayMs) : undefined,
  });
}
