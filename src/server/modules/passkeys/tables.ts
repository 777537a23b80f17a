import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../platform/tenancy/tables.js';
import { users } from '../users/tables.js';

/** A user's passkey (a WebAuthn credential): it signs in alone, or serves as the second factor. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** the credential id, base64url: one credential belongs to one user of one account */
    credentialId: text('credential_id').notNull(),
    /** the COSE public key, base64url */
    publicKey: text('public_key').notNull(),
    signCount: bigint('sign_count', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    /** the authenticator may back the credential up (a synced passkey) */
    backupEligible: boolean('backup_eligible').notNull().default(false),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('passkeys_credential_id_idx').on(t.credentialId), index('passkeys_user_idx').on(t.userId)],
);

/**
 * A WebAuthn ceremony under way: its challenge, single use, for two minutes. `ownerHash` is the
 * session's id hash (registration, second factor) or the hash of the `tandem_passkey` cookie
 * (signing in with a passkey alone); one pending challenge per owner and ceremony.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    ownerHash: text('owner_hash').notNull(),
    ceremony: text('ceremony', { enum: ['register', 'sign_in', 'second_factor'] }).notNull(),
    challenge: text('challenge').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('passkey_challenges_owner_idx').on(t.ownerHash, t.ceremony),
    index('passkey_challenges_expiry_idx').on(t.expiresAt),
  ],
);
