import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { devices } from '../devices/tables.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The server's Ed25519 key that signs session grants (src/shared/remote/grant.ts): one row, made
 * the first time a grant is signed or the key is asked for. `publicKey` is the raw 32 bytes agents
 * pin; `privateKey` its PKCS#8 form sealed by the secret box, so a copy of the database alone
 * cannot sign grants.
 */
export const agentGrantKeys = pgTable(
  'agent_grant_keys',
  {
    id: integer('id').primaryKey().default(1),
    publicKey: bytea('public_key').notNull(),
    privateKey: text('private_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('agent_grant_keys_one_row', sql`${t.id} = 1`)],
);

/**
 * Whose agent holds its control socket (`/api/agent/live`) open, and on which process: written on
 * the socket's hello, `disconnectedAt` set when it closes (or its process stops), so any process can
 * say whether a device is reachable and the sweep can end a session whose agent has been gone too long.
 */
export const agentConnections = pgTable(
  'agent_connections',
  {
    deviceId: uuid('device_id')
      .primaryKey()
      .references(() => devices.id, { onDelete: 'cascade' }),
    /** the socket: a newer socket of the same device replaces the row */
    connectionId: text('connection_id').notNull(),
    /** the process holding it */
    processId: text('process_id').notNull(),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
  },
  (t) => [index('agent_connections_process_idx').on(t.processId)],
);
