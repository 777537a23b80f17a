import type { Queryable } from '../../platform/db/pool.js';
import {
  findContactOfUser,
  insertContact,
  insertMethod,
  replaceContactCompanies,
  setPrimaryMethodValue,
  updateContactRow,
} from './repository.js';

interface UserFields {
  id: string;
  accountId: string;
  name: string;
  email: string;
  language: string;
  timeZone: string;
  allCompanies: boolean;
}

/**
 * Every user has a contact, created with them in the same transaction: their name, language,
 * time zone and sign-in e-mail (the primary method, verified by the user's own sign-in).
 */
export async function createUserContact(tx: Queryable, user: UserFields, companyIds: readonly string[]): Promise<void> {
  const contact = await insertContact(tx, {
    accountId: user.accountId,
    userId: user.id,
    name: user.name,
    allCompanies: user.allCompanies || companyIds.length === 0,
    language: user.language,
    timeZone: user.timeZone,
  });
  if (!contact.allCompanies) await replaceContactCompanies(tx, user.accountId, contact.id, companyIds);
  await insertMethod(tx, {
    accountId: user.accountId,
    contactId: contact.id,
    type: 'email',
    value: user.email,
    label: '',
    primary: true,
  });
}

/** Keeps the user's contact in step when their name or sign-in e-mail changes. */
export async function syncUserContact(
  tx: Queryable,
  accountId: string,
  userId: string,
  patch: { name?: string; email?: string },
): Promise<void> {
  if (patch.name === undefined && patch.email === undefined) return;
  const contact = await findContactOfUser(tx, accountId, userId);
  if (!contact) return;
  if (patch.name !== undefined) await updateContactRow(tx, accountId, contact.id, { name: patch.name });
  if (patch.email !== undefined) {
    await setPrimaryMethodValue(tx, contact.id, patch.email);
  }
}
