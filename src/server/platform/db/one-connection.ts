import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from './pool.js';

/**
 * For tests: a drizzle database over one fake connection, as a transaction has, which notes every statement sent
 * while another is still running (pg queues them and warns that this will stop working). `answer` gives each
 * statement's rows (arrays in column order for selects, objects for `execute`); none by default.
 */
export function oneConnection(answer: (text: string) => unknown[] = () => []) {
  const overlapping: string[] = [];
  let running = 0;
  const client = {
    async query(config: { text: string } | string) {
      const text = typeof config === 'string' ? config : config.text;
      if (running > 0) overlapping.push(text);
      running++;
      try {
        // the answer comes back on a later turn of the event loop, as a real one does
        await new Promise((resolve) => setImmediate(resolve));
        return { rows: answer(text), rowCount: 0, fields: [] };
      } finally {
        running--;
      }
    },
  };
  return { db: drizzle({ client: client as never }) as unknown as Db, overlapping };
}
