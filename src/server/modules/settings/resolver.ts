import type { FastifyRequest } from 'fastify';
import {
  definitionOf,
  resolveSetting,
  type SettingKey,
  type SettingSource,
  type SettingValues,
} from '../../../shared/settings.js';
import type { Queryable } from '../../platform/db/pool.js';
import { loadStoredSettings, type StoredSettings } from './repository.js';

export interface ResolvedSettings {
  /** the effective value for the account, or for a company of it */
  get<K extends SettingKey>(key: K, companyId?: string | null): SettingValues[K];
  source(key: SettingKey, companyId?: string | null): SettingSource;
  /** the account locked this setting for every company */
  locked(key: SettingKey): boolean;
}

function resolverOver(stored: StoredSettings): ResolvedSettings {
  const resolve = (key: SettingKey, companyId?: string | null) => {
    const definition = definitionOf(key);
    if (!definition) throw new Error(`unknown setting ${key}`);
    const company = companyId ? { override: stored.companies.get(companyId)?.get(key) } : undefined;
    return resolveSetting(definition, stored.account.get(key), company);
  };
  return {
    get: (key, companyId) => resolve(key, companyId).value as SettingValues[typeof key],
    source: (key, companyId) => resolve(key, companyId).source,
    locked: (key) => stored.account.get(key)?.locked ?? false,
  };
}

/**
 * The one way the server reads settings: effective values of an account and some of its
 * companies, from one query. Nothing is cached across requests, so a change is visible on the
 * next request of every process.
 */
export async function loadSettings(
  db: Queryable,
  accountId: string,
  companyIds: readonly string[] = [],
): Promise<ResolvedSettings> {
  return resolverOver(await loadStoredSettings(db, accountId, companyIds));
}

const perRequest = new WeakMap<FastifyRequest, Map<string, Promise<ResolvedSettings>>>();

/** Settings cached for the duration of one request. */
export function settingsFor(
  request: FastifyRequest,
  db: Queryable,
  accountId: string,
  companyIds: readonly string[] = [],
): Promise<ResolvedSettings> {
  let cache = perRequest.get(request);
  if (!cache) perRequest.set(request, (cache = new Map()));
  const key = `${accountId}|${[...companyIds].sort().join(',')}`;
  let found = cache.get(key);
  if (!found) cache.set(key, (found = loadSettings(db, accountId, companyIds)));
  return found;
}
