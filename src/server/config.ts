import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { passwordSchema } from '../shared/contracts/common.js';
import { projectPath } from './platform/project-root.js';
import { parseSecretKeys, type SecretKey } from './platform/crypto/secret-box.js';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  TANDEM_DATA_DIR: z.string().default('./data'),
  TANDEM_SECURE_COOKIES: flag,
  TANDEM_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  TANDEM_PUBLIC_URL: z.url().optional(),
  TANDEM_AGENT_DIR: z.string().min(1).optional(),
  TANDEM_ADMIN_EMAIL: z.email().optional(),
  // the first administrator's password follows the rules of every new password
  TANDEM_ADMIN_PASSWORD: passwordSchema.optional(),
  TANDEM_ACCOUNT_NAME: z.string().min(1).max(120).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMTP_FROM: z.string().min(3).max(200).default('Tandem <tandem@localhost>'),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_ACCOUNT_SID: z.string().min(1).max(100).optional(),
  SMS_GATEWAY_AUTH_TOKEN: z.string().min(1).max(200).optional(),
  SMS_FROM: z.string().min(1).max(40).optional(),
  // the TURN server's shared secret (coturn's `static-auth-secret`): TURN credentials per session are derived from it
  TANDEM_TURN_SECRET: z.string().min(16, 'use at least 16 characters').max(256).optional(),
  TANDEM_AGENT_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  TANDEM_IDENTITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  TANDEM_DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(20),
  TANDEM_METRICS_TOKEN: z
    .string()
    .min(16, 'use at least 16 characters')
    .max(200)
    .regex(/^\S+$/, 'no spaces')
    .optional(),
  TANDEM_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TANDEM_METRICS_HOST: z.string().default('127.0.0.1'),
  TANDEM_SECRET_KEYS: z.string().optional(),
  TANDEM_SECRET_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secureCookies: boolean;
  /**
   * which `X-Forwarded-*` entries are written by proxies of ours: none (false), the last N hops,
   * or the entries written by these proxy addresses/CIDRs — never a client-written left-most entry
   */
  trustProxy: false | number | string[];
  publicUrl: string | undefined;
  /** the packaged agent the company page offers (`npm run build:agent` writes dist/agent) */
  agentDir: string;
  bootstrapAdmin: { email: string; password: string; accountName: string } | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** outgoing e-mail; without it, messages are kept in the outbox */
  smtp: { url: string; from: string } | undefined;
  /** SMS and voice through a Twilio-compatible HTTP gateway; without it, they are kept in the outbox */
  smsGateway: { url: string; accountSid: string; authToken: string; from: string } | undefined;
  /** keys that seal secrets kept in the database (first seals, all open); else `secretKeyFile` */
  secretKeys: SecretKey[] | undefined;
  /** where the keys are kept when `secretKeys` is not given; created with one key when first needed */
  secretKeyFile: string;
  /**
   * the shared secret of the TURN servers listed in `sessions.iceServers` (the TURN REST scheme):
   * without it, TURN addresses are left out of the ICE servers given to sessions
   */
  turnSecret: string | undefined;
  /** how often agents send a heartbeat (the server tells them) */
  agentHeartbeatSeconds: number;
  /** how long a process may remember who a credential stands for (changes are announced at once); 0 turns it off */
  identityCacheSeconds: number;
  /** the most PostgreSQL connections this process's request pool opens (its job queue and LISTEN connection come on top) */
  databasePoolSize: number;
  /** who may read /metrics: a bearer token, and/or a port (on `host`) of its own instead of the main one */
  metrics: { token: string | undefined; port: number | undefined; host: string };
}

export class ConfigError extends Error {}

const trustProxyHelp =
  'give the number of reverse proxies in front of Tandem (e.g. 1), or their addresses or CIDRs separated by commas (e.g. 10.0.0.5,192.168.0.0/24)';

/**
 * `TANDEM_TRUST_PROXY`: a hop count (`1`: the address that connects is our proxy, the client is the
 * entry it appended) or a list of proxy addresses/CIDRs. A plain "trust everything" is refused: it
 * would take the left-most `X-Forwarded-For` entry, which any client writes. Answers a problem as text.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] | string {
  if (value === undefined || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : `at most 10 proxies; ${trustProxyHelp}`;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const invalid = entries.filter((entry) => !isAddressOrCidr(entry));
  if (entries.length === 0 || invalid.length > 0)
    return `"${value}" is neither a number nor a list of addresses; ${trustProxyHelp}`;
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parses the environment once; throws a ConfigError listing every problem in plain words. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // a variable set to nothing (`TANDEM_DATA_DIR= npm start`) counts as not set, never as ""
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Tandem cannot start, the configuration has problems:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.TANDEM_ADMIN_EMAIL === undefined) !== (e.TANDEM_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Tandem cannot start, the configuration has problems:\n  - TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD go together: set both or neither',
    );
  }
  const gateway = [e.SMS_GATEWAY_URL, e.SMS_GATEWAY_ACCOUNT_SID, e.SMS_GATEWAY_AUTH_TOKEN, e.SMS_FROM];
  if (gateway.some((v) => v !== undefined) && !gateway.every((v) => v !== undefined)) {
    throw new ConfigError(
      'Tandem cannot start, the configuration has problems:\n  - SMS_GATEWAY_URL, SMS_GATEWAY_ACCOUNT_SID, SMS_GATEWAY_AUTH_TOKEN and SMS_FROM go together: set all or none',
    );
  }
  let secretKeys: SecretKey[] | undefined;
  try {
    secretKeys =
      e.TANDEM_SECRET_KEYS === undefined ? undefined : parseSecretKeys(e.TANDEM_SECRET_KEYS, 'TANDEM_SECRET_KEYS');
  } catch (error) {
    throw new ConfigError(`Tandem cannot start, the configuration has problems:\n  - ${(error as Error).message}`);
  }
  const dataDir = path.resolve(e.TANDEM_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secureCookies: e.TANDEM_SECURE_COOKIES,
    trustProxy: e.TANDEM_TRUST_PROXY,
    publicUrl: e.TANDEM_PUBLIC_URL,
    agentDir: path.resolve(e.TANDEM_AGENT_DIR ?? projectPath('dist', 'agent')),
    bootstrapAdmin:
      e.TANDEM_ADMIN_EMAIL && e.TANDEM_ADMIN_PASSWORD
        ? {
            email: e.TANDEM_ADMIN_EMAIL.toLowerCase(),
            password: e.TANDEM_ADMIN_PASSWORD,
            accountName: e.TANDEM_ACCOUNT_NAME ?? 'Tandem',
          }
        : undefined,
    logLevel: e.LOG_LEVEL,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    smsGateway:
      e.SMS_GATEWAY_URL && e.SMS_GATEWAY_ACCOUNT_SID && e.SMS_GATEWAY_AUTH_TOKEN && e.SMS_FROM
        ? {
            url: e.SMS_GATEWAY_URL,
            accountSid: e.SMS_GATEWAY_ACCOUNT_SID,
            authToken: e.SMS_GATEWAY_AUTH_TOKEN,
            from: e.SMS_FROM,
          }
        : undefined,
    secretKeys,
    // beside the data folder, never inside it: a copy of the database's files must not carry the key
    secretKeyFile: path.resolve(e.TANDEM_SECRET_KEY_FILE ?? `${dataDir}-secret.key`),
    turnSecret: e.TANDEM_TURN_SECRET,
    agentHeartbeatSeconds: e.TANDEM_AGENT_HEARTBEAT_SECONDS,
    identityCacheSeconds: e.TANDEM_IDENTITY_CACHE_SECONDS,
    databasePoolSize: e.TANDEM_DATABASE_POOL_SIZE,
    metrics: { token: e.TANDEM_METRICS_TOKEN, port: e.TANDEM_METRICS_PORT, host: e.TANDEM_METRICS_HOST },
  };
}
