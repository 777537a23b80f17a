import { useEffect, useState } from 'react';
import { keepSession, type StoredSession } from './storage.js';
import type { ShareState } from './useScreenShare.js';

/**
 * A share survives a reload as an offer: the tab remembers that its screen was shared, and after a
 * reload the page offers to share again until the customer shares from it.
 */
export function useShareAgain(slug: string, stored: StoredSession, state: ShareState) {
  const [again, setAgain] = useState(stored.shared === true);
  useEffect(() => {
    if (state === 'sharing' && !stored.shared) keepSession(slug, { ...stored, shared: true });
  }, [state, stored, slug]);
  return { again, sharingFromHere: () => setAgain(false) };
}
