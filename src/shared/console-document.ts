/**
 * What the server and the console agree on about a console page the server drew
 * (src/server/modules/console-page, src/console/server-rendered.ts).
 */

/** The id of the element holding the drawn page's answers (JSON). */
export const stateElementId = 'console-state';

/** The cookie in which the console tells the server its browser's time zone, to draw dates as it would. */
export const timeZoneCookie = 'tandem_time_zone';

/**
 * The cookie in which the console tells the server the colour scheme it shows (light or dark), so
 * that a drawn page arrives in it: Mantine's colours hang on `<html data-mantine-color-scheme>`.
 */
export const colorSchemeCookie = 'tandem_color_scheme';

/**
 * Marks the document's preloads of the console's own chunks (what main.tsx imports, start.tsx):
 * wanted when the browser draws the page itself, left out of a page the server drew, whose console
 * is fetched after its first paint rather than beside its styles.
 */
export const startPreloadAttribute = 'data-console-start';
