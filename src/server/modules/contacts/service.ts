import type {
  CreateContactBody,
  NewMethodBody,
  UpdateContactBody,
  ContactDetail,
  ContactSummary,
} from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { isTimeZone, type Language } from '../../../shared/locales.js';
import type { Config } from '../../config.js';
import { authorize, companyFilter, type Actor } from '../../platform/authz.js';
import { sha256 } from '../../platform/crypto/secrets.js';
import type { Db, Queryable, Tx } from '../../platform/db/pool.js';
import { AppError, conflict, fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { checkedCompanies } from '../companies/index.js';
import { loadSettings } from '../settings/index.js';
import { normaliseMethodValue } from './method-value.js';
import { presentContact, presentMethod } from './presenter.js';
import {
  deleteContactRow,
  deleteMethodRow,
  findContact,
  insertContact,
  insertMethod,
  methodByVerificationHash,
  replaceContactCompanies,
  updateContactRow,
  updateMethodRow,
  type ContactWithParts,
  type MethodRow,
} from './repository.js';
import { contactUsage, type ContactUsageReaders } from './usage.js';
import { checkCode, codeRefusal, startVerification } from './verification.js';

const auditView = (c: ContactWithParts) => ({
  name: c.name,
  companies: c.allCompanies ? 'all' : c.companies.map((x) => x.id),
  language: c.language,
  timeZone: c.timeZone,
  quietHours: c.quietStart ? `${c.quietStart}-${c.quietEnd}` : null,
});
const methodView = (m: MethodRow) => ({
  type: m.type,
  value: m.value,
  label: m.label,
  enabled: m.enabled,
  verified: m.verifiedAt !== null,
});

async function visibleContact(
  tx: Queryable,
  actor: Actor,
  contactId: string,
  forUpdate = false,
): Promise<ContactWithParts> {
  const contact = await findContact(tx, actor.accountId, contactId, companyFilter(actor), { forUpdate });
  if (!contact) throw notFound('This contact');
  return contact;
}

function checkTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw fieldError('timeZone', 'unknown_time_zone', 'Unknown time zone');
}

export async function getContact(
  db: Db,
  actor: Actor,
  contactId: string,
  usage: ContactUsageReaders,
): Promise<ContactDetail> {
  const contact = await visibleContact(db, actor, contactId);
  return { ...presentContact(contact, actor), usage: await contactUsage(usage, db, actor.accountId, contactId) };
}

export async function createContact(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: CreateContactBody,
): Promise<ContactSummary> {
  authorize(actor, 'contacts.manage');
  checkTimeZone(body.timeZone);
  const methods = body.methods.map((m, i) => ({
    ...m,
    value: normaliseMethodValue(m.type, m.value, `methods.${i}.value`),
  }));
  const id = await db.transaction(async (tx) => {
    const companies = await checkedCompanies(tx, actor.accountId, body.companyIds);
    const settings = await loadSettings(tx, actor.accountId, []);
    const contact = await insertContact(tx, {
      accountId: actor.accountId,
      name: body.name,
      allCompanies: companies.all,
      language: body.language ?? (settings.get('general.language') as Language),
      timeZone: body.timeZone ?? settings.get('general.timeZone'),
      quietStart: body.quietHours?.start ?? null,
      quietEnd: body.quietHours?.end ?? null,
    });
    await replaceContactCompanies(tx, actor.accountId, contact.id, companies.ids);
    for (const m of methods) {
      await insertMethod(tx, {
        accountId: actor.accountId,
        contactId: contact.id,
        type: m.type,
        value: m.value,
        label: m.label ?? '',
        enabled: m.enabled ?? true,
      });
    }
    const created = await visibleContact(tx, actor, contact.id);
    await recordAudit(tx, ctx, {
      action: 'contact.create',
      objectType: 'contact',
      objectId: contact.id,
      after: { ...auditView(created), methods: created.methods.map(methodView) },
    });
    return contact.id;
  });
  return presentContact(await visibleContact(db, actor, id), actor);
}

export async function updateContact(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  contactId: string,
  patch: UpdateContactBody,
): Promise<ContactSummary> {
  checkTimeZone(patch.timeZone);
  await db.transaction(async (tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    authorize(actor, 'contacts.manage');
    if (contact.userId && patch.name !== undefined && patch.name !== contact.name) {
      throw conflict('This contact is a user of Tandem: only they change their name, in their profile.', {
        reason: 'managed_by_profile',
        field: 'name',
      });
    }
    const before = auditView(contact);
    if (patch.companyIds !== undefined) {
      const companies = await checkedCompanies(tx, actor.accountId, patch.companyIds);
      await updateContactRow(tx, actor.accountId, contactId, { allCompanies: companies.all });
      await replaceContactCompanies(tx, actor.accountId, contactId, companies.ids);
    }
    await updateContactRow(tx, actor.accountId, contactId, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
      ...(patch.quietHours !== undefined
        ? { quietStart: patch.quietHours?.start ?? null, quietEnd: patch.quietHours?.end ?? null }
        : {}),
    });
    const after = auditView(await visibleContact(tx, actor, contactId));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(tx, ctx, {
        action: 'contact.update',
        objectType: 'contact',
        objectId: contactId,
        before,
        after,
      });
    }
  });
  return presentContact(await visibleContact(db, actor, contactId), actor);
}

export async function deleteContact(db: Db, ctx: RequestContext, actor: Actor, contactId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    authorize(actor, 'contacts.manage');
    if (contact.userId)
      throw conflict('This contact belongs to a user of Tandem: it goes when the user is deleted.', {
        reason: 'user_contact',
      });
    await deleteContactRow(tx, actor.accountId, contactId);
    await recordAudit(tx, ctx, {
      action: 'contact.delete',
      objectType: 'contact',
      objectId: contactId,
      before: { ...auditView(contact), methods: contact.methods.map(methodView) },
    });
  });
}

export async function addMethod(db: Db, ctx: RequestContext, actor: Actor, contactId: string, body: NewMethodBody) {
  const value = normaliseMethodValue(body.type, body.value, 'value');
  return db.transaction(async (tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    authorize(actor, 'contacts.manage');
    if (contact.methods.length >= limits.contactMethods)
      throw conflict(`A contact has at most ${limits.contactMethods} communication methods.`, {
        reason: 'too_many_methods',
      });
    const method = await insertMethod(tx, {
      accountId: actor.accountId,
      contactId,
      type: body.type,
      value,
      label: body.label ?? '',
      enabled: body.enabled ?? true,
    });
    await recordAudit(tx, ctx, {
      action: 'contact.method_add',
      objectType: 'contact',
      objectId: contactId,
      after: methodView(method),
    });
    return presentMethod(method);
  });
}

function methodOf(contact: ContactWithParts, methodId: string): MethodRow {
  const method = contact.methods.find((m) => m.id === methodId);
  if (!method) throw notFound('This communication method');
  return method;
}

export async function updateMethod(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  contactId: string,
  methodId: string,
  patch: { value?: string; label?: string; enabled?: boolean },
) {
  return db.transaction(async (tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    const method = methodOf(contact, methodId);
    authorize(actor, 'contacts.manage');
    const value = patch.value !== undefined ? normaliseMethodValue(method.type, patch.value, 'value') : undefined;
    if (method.primary && value !== undefined && value !== method.value) {
      throw conflict('This is the user’s sign-in e-mail: only they change it, in their profile.', {
        reason: 'managed_by_profile',
        field: 'value',
      });
    }
    const changedValue = value !== undefined && value !== method.value;
    const updated = await updateMethodRow(tx, actor.accountId, methodId, {
      ...(patch.label !== undefined ? { label: patch.label } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      // a new address or number must be verified again
      ...(changedValue
        ? { value, verifiedAt: null, verificationHash: null, verificationExpiresAt: null, verificationAttempts: 0 }
        : {}),
    });
    if (JSON.stringify(methodView(method)) !== JSON.stringify(methodView(updated))) {
      await recordAudit(tx, ctx, {
        action: 'contact.method_update',
        objectType: 'contact',
        objectId: contactId,
        before: methodView(method),
        after: methodView(updated),
      });
    }
    return presentMethod(updated);
  });
}

export async function removeMethod(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  contactId: string,
  methodId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    const method = methodOf(contact, methodId);
    authorize(actor, 'contacts.manage');
    if (method.primary)
      throw conflict('This is the user’s sign-in e-mail: it cannot be removed from their contact.', {
        reason: 'managed_by_profile',
      });
    await deleteMethodRow(tx, actor.accountId, methodId);
    await recordAudit(tx, ctx, {
      action: 'contact.method_remove',
      objectType: 'contact',
      objectId: contactId,
      before: methodView(method),
    });
  });
}

/** Sends a verification link (e-mail) or six-digit code (SMS, voice call). */
export async function sendVerification(
  db: Db,
  config: Config,
  ctx: RequestContext,
  actor: Actor,
  contactId: string,
  methodId: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    const method = methodOf(contact, methodId);
    authorize(actor, 'contacts.manage');
    if (method.verifiedAt) throw conflict('This method is already verified.', { reason: 'already_verified' });
    const sent = await startVerification(tx, config, contact, method, now);
    await recordAudit(tx, ctx, {
      action: 'contact.verification_send',
      objectType: 'contact',
      objectId: contactId,
      after: { type: method.type, value: method.value },
    });
    return { sentTo: sent.sentTo, expiresAt: sent.expiresAt.toISOString() };
  });
}

/** The code the contact received by SMS or voice, entered by an administrator. */
export async function verifyCode(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  contactId: string,
  methodId: string,
  code: string,
  now = new Date(),
) {
  const outcome = await db.transaction(async (tx: Tx) => {
    const contact = await visibleContact(tx, actor, contactId, true);
    const method = methodOf(contact, methodId);
    authorize(actor, 'contacts.manage');
    if (method.verifiedAt) return { result: 'already' as const, method };
    const result = await checkCode(tx, method, code, now);
    if (result === 'verified') {
      await recordAudit(tx, ctx, {
        action: 'contact.method_verify',
        objectType: 'contact',
        objectId: contactId,
        after: { type: method.type, value: method.value },
      });
    }
    return { result, method };
  });
  if (outcome.result === 'verified' || outcome.result === 'already')
    return { verified: true as const, value: outcome.method.value, type: outcome.method.type };
  throw codeRefusal(outcome.result, limits.verificationAttempts - outcome.method.verificationAttempts - 1);
}

/** The link of a verification e-mail: works once, before it expires; needs no sign-in. */
export async function verifyLink(db: Db, ctx: RequestContext, token: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const method = await methodByVerificationHash(tx, sha256(token));
    if (!method || method.type !== 'email' || !method.verificationExpiresAt || method.verificationExpiresAt <= now) {
      throw new AppError('not_found', 'This verification link is not valid or has expired. Ask for a new one.');
    }
    await updateMethodRow(tx, method.accountId, method.id, {
      verifiedAt: now,
      verificationHash: null,
      verificationExpiresAt: null,
    });
    await recordAudit(
      tx,
      { ...ctx, actor: null },
      {
        accountId: method.accountId,
        action: 'contact.method_verify',
        objectType: 'contact',
        objectId: method.contactId,
        after: { type: method.type, value: method.value, by: 'link' },
      },
    );
    return { verified: true as const, value: method.value, type: method.type };
  });
}
