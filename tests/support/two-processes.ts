import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import type { App } from '../../src/server/platform/http/types.js';
import type { LiveClient } from './live-client.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface TwoProcesses {
  first: TestApp;
  second: App;
  /** `ws://127.0.0.1:<port>` of each */
  baseA: string;
  baseB: string;
  /** sockets to close after the file's tests */
  opened: LiveClient[];
}

const listen = async (app: App) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
};

/**
 * Two Tandem processes on one PostgreSQL: each app has its own pool and its own LISTEN
 * connection, and listens on its own port — they share nothing but the database. The sockets put
 * in `opened`, the second app and its pool are closed after the file's tests (the first app by
 * `createTestApp`).
 */
export async function twoProcesses(env: NodeJS.ProcessEnv = {}): Promise<TwoProcesses> {
  const first = await createTestApp(env);
  const secondDatabase = openDatabase(first.database.url, { max: 5 });
  const second = await buildApp({ config: first.config, database: secondDatabase, consoleDir: '/nonexistent' });
  await second.ready();
  const opened: LiveClient[] = [];
  afterAll(async () => {
    opened.forEach((c) => c.close());
    await second.close();
    await secondDatabase.close();
  });
  return { first, second, baseA: await listen(first.app), baseB: await listen(second), opened };
}
