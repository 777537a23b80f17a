import { sql } from 'drizzle-orm';

/** A list of ids as one `uuid[]` parameter (`= any(…)`), however long the list: one statement, one parameter. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
