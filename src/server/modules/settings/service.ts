import { definitionOf, resolveSetting, settingsRegistry, type SettingDefinition } from '../../../shared/settings.js';
import type { AccountSettingItem, CompanySettingItem } from '../../../shared/contracts/settings.js';
import type { FieldProblem } from '../../../shared/errors.js';
import { authorize, type Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { problemOf } from '../../platform/http/field-problems.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { recordAudit } from '../audit/index.js';
import { requireCompany } from '../companies/index.js';
import { loadStoredSettings, setCompanyOverride, upsertAccountSetting } from './repository.js';

const describe = (d: SettingDefinition) => ({
  key: d.key,
  group: d.group,
  input: d.input as AccountSettingItem['input'],
  default: d.default,
  overridable: d.overridable,
  stricterOnly: d.atLeastAsStrict !== undefined,
});

export async function accountSettings(db: Db, accountId: string): Promise<AccountSettingItem[]> {
  const stored = await loadStoredSettings(db, accountId, []);
  return settingsRegistry.map((d) => {
    const own = stored.account.get(d.key);
    return {
      ...describe(d),
      value: own?.value ?? null,
      isSet: own?.value !== undefined,
      effective: resolveSetting(d, own).value,
      locked: own?.locked ?? false,
    };
  });
}

function invalid(problems: FieldProblem[]): never {
  throw new AppError('validation_failed', 'Some settings are not valid.', problems);
}

/** Checks a value against its registry entry; returns the parsed value or a problem. */
function parseValue(d: SettingDefinition, raw: unknown, path: string): { value: unknown } | FieldProblem {
  const parsed = d.schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  return issue
    ? { path, ...problemOf(issue), message: issue.message }
    : { path, code: 'invalid_value', message: 'Invalid value' };
}

/** Changes account values and locks, all or nothing, each audited with before and after. */
export async function updateAccountSettings(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  body: { values?: Record<string, unknown>; locks?: Record<string, boolean> },
): Promise<void> {
  authorize(actor, 'settings.update');
  const problems: FieldProblem[] = [];
  const values = new Map<string, unknown>();
  for (const [key, raw] of Object.entries(body.values ?? {})) {
    const d = definitionOf(key);
    if (!d) problems.push({ path: `values.${key}`, code: 'unknown_field', message: 'Unknown setting' });
    else if (raw === null) values.set(key, null);
    else {
      const result = parseValue(d, raw, `values.${key}`);
      if ('path' in result) problems.push(result);
      else values.set(key, result.value);
    }
  }
  for (const key of Object.keys(body.locks ?? {})) {
    const d = definitionOf(key);
    if (!d) problems.push({ path: `locks.${key}`, code: 'unknown_field', message: 'Unknown setting' });
    else if (!d.overridable)
      problems.push({
        path: `locks.${key}`,
        code: 'not_applicable',
        message: 'Companies cannot override this setting, so there is nothing to lock',
      });
  }
  if (problems.length) invalid(problems);

  await db.transaction(async (tx) => {
    const before = await loadStoredSettings(tx, actor.accountId, []);
    const keys = new Set([...values.keys(), ...Object.keys(body.locks ?? {})]);
    for (const key of keys) {
      const old = before.account.get(key);
      const patch = { value: values.has(key) ? values.get(key) : undefined, locked: body.locks?.[key] };
      const next = {
        value: patch.value === undefined ? (old?.value ?? null) : patch.value,
        locked: patch.locked ?? old?.locked ?? false,
      };
      const prev = { value: old?.value ?? null, locked: old?.locked ?? false };
      if (JSON.stringify(prev) === JSON.stringify(next)) continue;
      await upsertAccountSetting(tx, actor.accountId, key, patch);
      await recordAudit(tx, ctx, {
        action: 'setting.update',
        objectType: 'setting',
        objectId: key,
        before: prev,
        after: next,
      });
    }
  });
}

export async function companySettings(db: Db, actor: Actor, companyId: string): Promise<CompanySettingItem[]> {
  await requireCompany(db, actor, companyId);
  const stored = await loadStoredSettings(db, actor.accountId, [companyId]);
  return settingsRegistry
    .filter((d) => d.overridable)
    .map((d) => {
      const override = stored.companies.get(companyId)?.get(d.key);
      const resolved = resolveSetting(d, stored.account.get(d.key), { override });
      return {
        ...describe(d),
        effective: resolved.value,
        source: resolved.source,
        override: override?.value ?? null,
        locked: stored.account.get(d.key)?.locked ?? false,
      };
    });
}

/** Sets or resets a company's overrides: never a locked setting, never weaker security. */
export async function updateCompanySettings(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  companyId: string,
  values: Record<string, unknown>,
): Promise<void> {
  await requireCompany(db, actor, companyId, 'settings.update');
  await db.transaction(async (tx) => {
    const stored = await loadStoredSettings(tx, actor.accountId, [companyId]);
    const problems: FieldProblem[] = [];
    const changes: { key: string; value: unknown | null }[] = [];
    for (const [key, raw] of Object.entries(values)) {
      const path = `values.${key}`;
      const d = definitionOf(key);
      if (!d) {
        problems.push({ path, code: 'unknown_field', message: 'Unknown setting' });
        continue;
      }
      if (!d.overridable) {
        problems.push({ path, code: 'not_applicable', message: 'A company cannot override this setting' });
        continue;
      }
      if (stored.account.get(key)?.locked) {
        problems.push({ path, code: 'locked', message: 'The account has locked this setting' });
        continue;
      }
      if (raw === null) {
        changes.push({ key, value: null });
        continue;
      }
      const result = parseValue(d, raw, path);
      if ('path' in result) {
        problems.push(result);
        continue;
      }
      const inherited = resolveSetting(d, stored.account.get(key)).value;
      if (d.atLeastAsStrict && inherited !== null && !d.atLeastAsStrict(result.value, inherited)) {
        problems.push({
          path,
          code: 'less_strict',
          message: 'A company can only make this security setting stricter than the account',
        });
        continue;
      }
      changes.push({ key, value: result.value });
    }
    if (problems.length) invalid(problems);
    for (const { key, value } of changes) {
      const before = stored.companies.get(companyId)?.get(key)?.value ?? null;
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      await setCompanyOverride(tx, actor.accountId, companyId, key, value);
      await recordAudit(tx, ctx, {
        action: 'company_setting.update',
        objectType: 'company_setting',
        objectId: `${companyId}:${key}`,
        before: { value: before },
        after: { value },
      });
    }
  });
}
