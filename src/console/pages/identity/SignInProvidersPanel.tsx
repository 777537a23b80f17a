/** Filled in by its own feature. */
export function SignInProvidersPanel() {
  return null;
}
