import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { refusalOf } from '../../shared/refusals.js';

const passkeyReasons = [
  'passkey_ceremony_expired',
  'passkey_unknown',
  'passkey_not_verified',
  'passkey_refused',
  'passkey_taken',
] as const;
type PasskeyReason = (typeof passkeyReasons)[number];
const isPasskeyReason = (reason: string | undefined): reason is PasskeyReason =>
  (passkeyReasons as readonly (string | undefined)[]).includes(reason);

/**
 * What to tell the person when a passkey ceremony fails: the server's reason, the browser's
 * refusal (cancelled, timed out, not allowed), or the usual error text.
 */
export function passkeyErrorText(t: TFunction, error: unknown, locale?: string): string {
  if (error instanceof ApiError) {
    const reason = refusalOf(error.details)?.reason;
    if (isPasskeyReason(reason)) return t(`passkeys.errors.${reason}`);
    return errorText(t, error, locale);
  }
  if (error instanceof Error && error.name === 'NotAllowedError') return t('passkeys.errors.cancelled');
  if (error instanceof Error && /does not support WebAuthn/i.test(error.message))
    return t('passkeys.errors.unsupported');
  if ((error as { code?: string } | null)?.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return t('passkeys.errors.passkey_taken');
  return t('passkeys.errors.cancelled');
}

/** A name for a new passkey, from the browser and the system it runs on ("Chrome on Linux"). */
export function defaultPasskeyName(t: TFunction): string {
  // no browser while the server draws a page: the name is the form's, set again when it opens
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : t('passkeys.add.thisBrowser');
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return system ? t('passkeys.add.defaultName', { browser, system }) : browser;
}
