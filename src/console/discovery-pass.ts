import { createContext, useContext } from 'react';

/**
 * The server draws a page twice: once to find which answers it asks for (its queries), then with
 * them. The first pass is thrown away, so what does not ask for answers of its own — the shell's
 * header, whose answers are fetched before any pass — is left out of it.
 */
const DiscoveryPassContext = createContext(false);

export const DiscoveryPass = DiscoveryPassContext.Provider;

/** Whether this render only finds the page's queries (its markup is never shown). */
export function useDiscoveryPass(): boolean {
  return useContext(DiscoveryPassContext);
}
