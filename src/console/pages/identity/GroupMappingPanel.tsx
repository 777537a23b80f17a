/** Filled in by its own feature. */
export function GroupMappingPanel() {
  return null;
}
