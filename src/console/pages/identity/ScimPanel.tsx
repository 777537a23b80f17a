/** Filled in by its own feature. */
export function ScimPanel() {
  return null;
}
