import * as client from 'openid-client';
import type { SecretBox } from '../../platform/crypto/secret-box.js';

/** Seconds of difference tolerated between the provider's clock and ours when checking the ID token. */
export const clockToleranceSeconds = 60;
/** How long a provider's discovery document is kept in this process. */
const discoveryTtlMs = 10 * 60_000;

export interface ProviderSecrets {
  id: string;
  issuer: string;
  clientId: string;
  /** sealed */
  clientSecret: string;
  updatedAt: Date;
}

/** Plain http only to this machine (a provider on loopback); every other issuer is https. */
export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const cache = new Map<string, { config: client.Configuration; until: number }>();

/**
 * The openid-client configuration of a provider: its discovery document (fetched once per 10 minutes
 * and per change of the provider), the client id and secret (client_secret_basic), a clock tolerance of
 * 60 seconds.
 */
export async function configurationOf(provider: ProviderSecrets, secrets: SecretBox): Promise<client.Configuration> {
  const key = `${provider.id}:${provider.updatedAt.getTime()}`;
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.config;
  const config = await client.discovery(
    new URL(provider.issuer),
    provider.clientId,
    { [client.clockTolerance]: clockToleranceSeconds },
    client.ClientSecretBasic(secrets.reveal(provider.clientSecret)),
    { execute: isLoopbackHttp(provider.issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
  );
  for (const old of cache.keys()) if (old.startsWith(`${provider.id}:`)) cache.delete(old);
  cache.set(key, { config, until: Date.now() + discoveryTtlMs });
  return config;
}
