import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Database } from '../db/pool.js';
import type { LiveRegistry } from '../realtime/live-registry.js';
import type { NotifyHub } from '../realtime/notify-hub.js';

/** The Fastify instance every module registers its routes on: zod schemas, typed handlers. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What modules receive from buildApp. */
export interface Deps {
  database: Database;
  config: Config;
  /** this process's LISTEN connection: real-time fan-out across processes */
  hub: NotifyHub;
  /** this process's console sockets: modules register frames and open/close handlers on it */
  live: LiveRegistry;
  /** seals the secrets kept in the database (authenticator secrets) with keys kept outside it */
  secrets: SecretBox;
}
