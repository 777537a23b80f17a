import type { Translation } from '../../shared/i18n/index.js';
import { mergeCatalogue } from './merge.js';

/** The console's French strings, its own chunk: a page loads the language it shows. */
export default mergeCatalogue<Translation>(
  import.meta.glob<Record<string, unknown>>('../../shared/i18n/fr.json', { eager: true, import: 'default' }),
  import.meta.glob<Record<string, unknown>>('../../shared/i18n/*.fr.json', { eager: true, import: 'default' }),
);
