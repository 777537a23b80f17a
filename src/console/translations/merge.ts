/**
 * One language's catalogue as src/shared/i18n/index.ts merges it: the shared file, then every
 * feature's file (`<feature>.<language>.json`, each with top-level keys of its own).
 */
export function mergeCatalogue<T>(
  shared: Record<string, Record<string, unknown>>,
  features: Record<string, Record<string, unknown>>,
): T {
  return Object.assign({}, ...Object.values(shared), ...Object.values(features)) as T;
}
