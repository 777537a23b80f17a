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
