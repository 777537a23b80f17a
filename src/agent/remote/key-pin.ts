import { saveCredential, type StoredCredential } from '../credential-store.js';
import type { GrantVerifier, PinResult } from './grant-verifier.js';

/**
 * The server's grant key as its control socket announces it: pinned in the credential file the first
 * time (an agent enrolled before the server signed grants), checked against the pinned one after.
 * A different key is never written: every grant is refused from then on, and the log says why.
 */
export async function pinGrantKey(options: {
  file: string;
  stored: StoredCredential;
  verifier: GrantVerifier;
  key: string;
  log: (line: string) => void;
}): Promise<PinResult> {
  const { file, stored, verifier, key, log } = options;
  const result = verifier.pin(key);
  if (result === 'pinned' && stored.grantKey !== key) {
    stored.grantKey = key;
    await saveCredential(file, stored);
    log(`pinned the server's grant key in ${file}`);
  } else if (result === 'changed') {
    log(
      "the server's grant key is not the pinned one: every remote session is refused; " +
        'enrol the device again if the server was reinstalled on purpose',
    );
  } else if (result === 'invalid') {
    log("the server's grant key is not an Ed25519 public key: ignored");
  }
  return result;
}
