import type { SsoProvider } from '../../../shared/contracts/sso.js';
import type { ProviderWithDomains } from './repository.js';

/** The path every provider sends people back to (the state says which provider it was). */
export const callbackPath = '/api/v1/auth/sso/callback';

export const callbackUrlOf = (publicUrl: string) => `${publicUrl}${callbackPath}`;

/** An account's own sign-in address: its enabled providers, whatever the e-mail. */
export const accountSignInUrlOf = (publicUrl: string, accountId: string) => `${publicUrl}/login?account=${accountId}`;

/** A provider as administrators see it: never its client secret. */
export function presentProvider(row: ProviderWithDomains, publicUrl: string): SsoProvider {
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecret !== '',
    scopes: row.scopes,
    groupsClaim: row.groupsClaim,
    domains: row.domains,
    createUsers: row.createUsers,
    linkByEmail: row.linkByEmail,
    enabled: row.enabled,
    callbackUrl: callbackUrlOf(publicUrl),
    updatedAt: row.updatedAt.toISOString(),
  };
}
