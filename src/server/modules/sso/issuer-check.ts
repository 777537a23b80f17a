import type { SsoTestResult } from '../../../shared/contracts/sso.js';
import { isLoopbackHttp } from './oidc-client.js';

const failed = (problem: Extract<SsoTestResult, { ok: false }>['problem'], message: string): SsoTestResult => ({
  ok: false,
  problem,
  message,
});

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Fetches an issuer's discovery document (`/.well-known/openid-configuration`, 10 s at most) and says
 * what it found, or why it is not a provider Tandem can sign in with: unreachable, not an OpenID
 * issuer, an issuer that names itself otherwise, or one without the authorization code flow.
 */
export async function checkIssuer(issuer: string): Promise<SsoTestResult> {
  const url = new URL(issuer);
  if (url.protocol !== 'https:' && !isLoopbackHttp(issuer)) {
    return failed('not_an_issuer', 'An issuer is reached over https://.');
  }
  const discovery = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(discovery, {
      signal: AbortSignal.timeout(10_000),
      headers: { accept: 'application/json' },
      redirect: 'error',
    });
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : 'no answer';
    return failed('unreachable', `${discovery} could not be reached: ${reason}`);
  }
  let doc: Record<string, unknown> | null = null;
  if (response.ok) {
    doc = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  }
  if (!doc || typeof doc !== 'object' || typeof doc.issuer !== 'string') {
    return failed(
      'not_an_issuer',
      `${discovery} answered ${response.status} without an OpenID Connect discovery document.`,
    );
  }
  if (doc.issuer !== issuer) {
    return failed(
      'issuer_mismatch',
      `The provider names itself "${doc.issuer}", not "${issuer}": enter its issuer exactly as it names itself.`,
    );
  }
  const responseTypes = strings(doc.response_types_supported);
  if (
    typeof doc.authorization_endpoint !== 'string' ||
    typeof doc.token_endpoint !== 'string' ||
    typeof doc.jwks_uri !== 'string' ||
    !responseTypes.includes('code')
  ) {
    return failed('no_code_flow', 'The provider does not offer the authorization code flow Tandem signs in with.');
  }
  return {
    ok: true,
    issuer: doc.issuer,
    authorizationEndpoint: doc.authorization_endpoint,
    tokenEndpoint: doc.token_endpoint,
    scopesSupported: strings(doc.scopes_supported),
    claimsSupported: strings(doc.claims_supported),
  };
}
