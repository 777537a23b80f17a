import type { PortalFields } from '../../../shared/contracts/portals.js';
import type { CreateRequestBody } from '../../../shared/contracts/support-requests.js';
import type { FieldProblem } from '../../../shared/errors.js';
import { limits } from '../../../shared/limits.js';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/pool.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { recordEvent } from '../../platform/events/record.js';
import { AppError } from '../../platform/http/app-error.js';
import { enabledPortal, liveOpen, portalContext } from '../portals/index.js';
import { appendMessage } from './messages.js';
import { announceChange } from './announce.js';
import { afterOffline } from './offline.js';
import * as repo from './repository.js';

type Answers = Record<string, string | boolean>;

/**
 * Checks a customer's answers against the portal's fields: every problem at once, each named
 * `fields.<key>`. Returns the answers to keep (trimmed, empty optional ones dropped).
 */
export function checkAnswers(
  config: PortalFields,
  given: Answers = {},
): { answers: Answers; phone: string | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const answers: Answers = {};
  const known = new Set(['phone', ...config.custom.map((f) => f.key)]);
  for (const key of Object.keys(given))
    if (!known.has(key) || (key === 'phone' && config.phone === 'hidden'))
      problems.push({ path: `fields.${key}`, code: 'unknown_field', message: 'This portal does not ask this' });

  let phone: string | null = null;
  if (config.phone !== 'hidden') {
    const value = given.phone;
    if (value === undefined || value === '') {
      if (config.phone === 'required') problems.push({ path: 'fields.phone', code: 'required', message: 'Required' });
    } else if (typeof value !== 'string' || !/^\+?[0-9 ().-]{4,30}$/.test(value.trim())) {
      problems.push({
        path: 'fields.phone',
        code: 'invalid_phone',
        message: 'Enter a phone number (digits, spaces, + ( ) . -)',
      });
    } else {
      phone = value.trim();
      answers.phone = phone;
    }
  }
  for (const field of config.custom) {
    const value = given[field.key];
    const path = `fields.${field.key}`;
    if (field.type === 'checkbox') {
      if (value !== undefined && typeof value !== 'boolean')
        problems.push({ path, code: 'not_a_boolean', message: 'Send true or false' });
      else if (field.required && value !== true) problems.push({ path, code: 'required', message: 'Required' });
      else if (value !== undefined) answers[field.key] = value;
      continue;
    }
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (field.required) problems.push({ path, code: 'required', message: 'Required' });
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ path, code: 'not_text', message: 'Send text' });
    } else if (field.type === 'choice' && !field.options?.includes(value)) {
      problems.push({
        path,
        code: 'invalid_choice',
        params: { options: field.options ?? [] },
        message: 'Choose one of the options',
      });
    } else {
      answers[field.key] = value.trim();
    }
  }
  return { answers, phone, problems };
}

export interface Submitted {
  id: string;
  number: number;
  status: 'waiting' | 'offline';
  visitorToken: string;
  offlineReason: 'no_technician' | 'outside_hours' | null;
  followLinkEmailed: boolean;
}

/**
 * A customer's request from a portal, in one transaction: checked against the portal's fields,
 * rate-limited per address (every portal of the server) and per portal, numbered, then either in
 * the live queue (within hours and a technician available) or at once an offline question with
 * its e-mail (which carries nothing the customer wrote: the address is not proven yet).
 */
export async function submitRequest(
  db: Db,
  config: Config,
  slug: string,
  body: CreateRequestBody,
  ip: string | null,
  now = new Date(),
): Promise<Submitted> {
  const visitorToken = randomSecret();
  return db.transaction(async (tx) => {
    const portal = await enabledPortal(tx, slug);
    const ctx = await portalContext(tx, portal);
    const { answers, phone, problems } = checkAnswers(portal.fields, body.fields);
    if (problems.length > 0) throw new AppError('validation_failed', 'Some fields are not valid.', problems);

    // the attempt is counted under locks held until commit: the address's (across every portal
    // of the server) then the portal's, so parallel submissions never pass a limit together
    if (ip !== null) await repo.lockAddressSubmissions(tx, ip);
    await repo.lockPortalSubmissions(tx, portal.id);
    const recent = await repo.recentSubmissions(
      tx,
      portal.id,
      ip,
      new Date(now.getTime() - limits.submissionWindowMinutes * 60_000),
      new Date(now.getTime() - 60_000),
    );
    if (ip !== null && recent.fromAddress >= limits.submissionsPerAddress) {
      throw new AppError(
        'rate_limited',
        `You sent ${limits.submissionsPerAddress} requests in the last ${limits.submissionWindowMinutes} minutes; wait a little before sending another.`,
        undefined,
        { 'retry-after': '600' },
      );
    }
    if (recent.onPortal >= limits.submissionsPerPortalMinute) {
      throw new AppError(
        'rate_limited',
        'This portal receives too many requests right now; try again in a minute.',
        undefined,
        { 'retry-after': '60' },
      );
    }

    const number = await repo.nextNumber(tx, portal.accountId);
    const { open, available } = await liveOpen(tx, ctx, now);
    const live = open && available;
    const offlineReason = live ? null : open ? 'no_technician' : 'outside_hours';
    const request = await repo.insertRequest(tx, {
      accountId: portal.accountId,
      companyId: portal.companyId,
      portalId: portal.id,
      number,
      status: live ? 'waiting' : 'offline',
      kind: live ? null : 'question',
      customerName: body.name,
      customerEmail: body.email,
      customerPhone: phone,
      fields: answers,
      question: body.question,
      language: ctx.language,
      visitorTokenHash: sha256(visitorToken),
      sourceIp: ip,
      offlineReason,
      waitDeadline: live ? new Date(now.getTime() + ctx.waitTimeoutSeconds * 1000) : null,
      offlineAt: live ? null : now,
      createdAt: now,
    });
    // the question opens the transcript
    await appendMessage(tx, request, { type: 'customer', name: body.name }, { body: body.question });
    if (live) {
      await recordEvent(tx, {
        accountId: portal.accountId,
        companyId: portal.companyId,
        type: 'request.created',
        subjectId: request.id,
        payload: { requestId: request.id, number, companyId: portal.companyId, customerName: body.name },
      });
      await announceChange(tx, {
        accountId: portal.accountId,
        companyId: portal.companyId,
        requestId: request.id,
        change: 'created',
        takenBy: null,
      });
    }
    const { followLinkEmailed } = live ? { followLinkEmailed: false } : await afterOffline(tx, config, request, portal);
    return {
      id: request.id,
      number,
      status: request.status as 'waiting' | 'offline',
      visitorToken,
      offlineReason,
      followLinkEmailed,
    };
  });
}
