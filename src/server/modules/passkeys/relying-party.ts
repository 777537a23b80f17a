import type { Config } from '../../config.js';
import { publicUrlOf } from '../../platform/http/public-url.js';

/** Who passkeys are made for: the server's public address (its origin) and that address's host name (the rpID). */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

/**
 * The relying party follows TANDEM_PUBLIC_URL (else `http://localhost:<port>`): a passkey made for
 * one address never signs in at another. An IP address cannot be an rpID: use a host name.
 */
export function relyingPartyOf(config: Config): RelyingParty {
  const url = new URL(publicUrlOf(config));
  return { id: url.hostname, origin: url.origin, name: 'Tandem' };
}
