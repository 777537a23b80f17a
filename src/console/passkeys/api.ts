import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { useQuery } from '@tanstack/react-query';
import { signedInResponse } from '../../shared/contracts/auth.js';
import { ceremonyOptionsSchema, passkeyListSchema, passkeySchema } from '../../shared/contracts/passkeys.js';
import { api } from '../api/client.js';

/** Passkeys: your own (My account), and the ceremonies of signing in with one. */
export const passkeyKeys = { mine: ['passkeys'] as const };

export function useMyPasskeys() {
  return useQuery({
    queryKey: passkeyKeys.mine,
    queryFn: ({ signal }) => api.get('/me/passkeys', { schema: passkeyListSchema, signal }),
  });
}

/** Adds a passkey: the password asked again, then the browser creates the credential, then the server keeps it. */
export async function addPasskey(password: string, name: string) {
  const { options } = await api.post('/me/passkeys/options', { password }, { schema: ceremonyOptionsSchema });
  const response = await startRegistration({
    optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
  });
  return api.post('/me/passkeys', { name, response }, { schema: passkeySchema });
}

export const renamePasskey = (id: string, name: string) =>
  api.patch(`/me/passkeys/${encodeURIComponent(id)}`, { name }, { schema: passkeySchema });

export const removePasskey = (id: string, password: string) =>
  api.delete(`/me/passkeys/${encodeURIComponent(id)}`, { body: { password } });

/** Signs in with a passkey alone (any passkey of this site the browser or device holds). */
export async function signInWithPasskey() {
  const { options } = await api.post('/auth/passkey/options', undefined, {
    schema: ceremonyOptionsSchema,
    skipAuthRedirect: true,
  });
  const response = await startAuthentication({
    optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
  });
  return api.post('/auth/passkey', { response }, { schema: signedInResponse, skipAuthRedirect: true });
}

/** The second step of a password sign-in with one of the user's passkeys. */
export async function secondFactorWithPasskey() {
  const { options } = await api.post('/auth/login/passkey/options', undefined, {
    schema: ceremonyOptionsSchema,
    skipAuthRedirect: true,
  });
  const response = await startAuthentication({
    optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
  });
  return api.post('/auth/login/passkey', { response }, { schema: signedInResponse, skipAuthRedirect: true });
}
