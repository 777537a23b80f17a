import type { CreateSsoProviderBody, SsoTestResult, UpdateSsoProviderBody } from '../../../shared/contracts/sso.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { fieldError, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import type { Actor } from '../../platform/authz.js';
import { recordAudit } from '../audit/index.js';
import { createSsoProviderBody } from '../../../shared/contracts/sso.js';
import { checkIssuer } from './issuer-check.js';
import * as repo from './repository.js';

const notAProvider = () => notFound('This sign-in provider');

/** What the audit log keeps of a provider: never its secret. */
const audited = (
  p: Omit<repo.ProviderWithDomains, 'id' | 'accountId' | 'createdAt' | 'updatedAt' | 'clientSecret'>,
) => ({
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  scopes: p.scopes,
  groupsClaim: p.groupsClaim,
  domains: p.domains,
  createUsers: p.createUsers,
  linkByEmail: p.linkByEmail,
  enabled: p.enabled,
});

const unique = (domains: string[]) => [...new Set(domains)].sort();

async function assertDomainsFree(db: Queryable, providerId: string | null, domains: string[]) {
  const taken = await repo.domainsTakenElsewhere(db, providerId, domains);
  if (taken.length > 0) {
    throw fieldError(
      `domains.${domains.indexOf(taken[0]!)}`,
      'taken',
      `${taken[0]} already leads to another sign-in provider.`,
    );
  }
}

export async function listProviders(db: Db, actor: Actor) {
  return repo.listProviders(db, actor.accountId);
}

export async function getProvider(db: Queryable, actor: Actor, id: string) {
  const row = await repo.findProvider(db, actor.accountId, id);
  if (!row) throw notAProvider();
  return row;
}

export async function createProvider(
  db: Db,
  secrets: SecretBox,
  ctx: RequestContext,
  actor: Actor,
  input: CreateSsoProviderBody,
) {
  const body = createSsoProviderBody.parse(input);
  const domains = unique(body.domains);
  return db.transaction(async (tx) => {
    await assertDomainsFree(tx, null, domains);
    const row = await repo.insertProvider(tx, {
      accountId: actor.accountId,
      name: body.name,
      issuer: body.issuer,
      clientId: body.clientId,
      clientSecret: secrets.seal(body.clientSecret),
      scopes: body.scopes,
      groupsClaim: body.groupsClaim,
      createUsers: body.createUsers,
      linkByEmail: body.linkByEmail,
      enabled: body.enabled,
    });
    await repo.replaceDomains(tx, actor.accountId, row.id, domains);
    const created = { ...row, domains };
    await recordAudit(tx, ctx, {
      action: 'sso_provider.create',
      objectType: 'sso_provider',
      objectId: row.id,
      after: audited(created),
    });
    return created;
  });
}

export async function updateProvider(
  db: Db,
  secrets: SecretBox,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  body: UpdateSsoProviderBody,
) {
  return db.transaction(async (tx) => {
    const before = await getProvider(tx, actor, id);
    const { clientSecret, domains: domainsInput, ...fields } = body;
    const domains = domainsInput ? unique(domainsInput) : before.domains;
    if (domainsInput) await assertDomainsFree(tx, id, domains);
    await repo.updateProvider(tx, actor.accountId, id, {
      ...fields,
      ...(clientSecret !== undefined ? { clientSecret: secrets.seal(clientSecret) } : {}),
    });
    if (domainsInput) await repo.replaceDomains(tx, actor.accountId, id, domains);
    const after = await getProvider(tx, actor, id);
    await recordAudit(tx, ctx, {
      action: 'sso_provider.update',
      objectType: 'sso_provider',
      objectId: id,
      before: audited(before),
      after: { ...audited(after), ...(clientSecret !== undefined ? { clientSecret: 'changed' } : {}) },
    });
    return after;
  });
}

export async function deleteProvider(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getProvider(tx, actor, id);
    await repo.deleteProvider(tx, actor.accountId, id);
    await recordAudit(tx, ctx, {
      action: 'sso_provider.delete',
      objectType: 'sso_provider',
      objectId: id,
      before: audited(before),
    });
  });
}

/** Fetches the provider's discovery document and says what was found, or why it cannot be used. */
export async function testProvider(db: Db, ctx: RequestContext, actor: Actor, id: string): Promise<SsoTestResult> {
  const provider = await getProvider(db, actor, id);
  const result = await checkIssuer(provider.issuer);
  await recordAudit(db, ctx, {
    action: 'sso_provider.test',
    objectType: 'sso_provider',
    objectId: id,
    after: result.ok ? { ok: true } : { ok: false, problem: result.problem },
  });
  return result;
}
