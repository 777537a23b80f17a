/**
 * The console-page module: how an address of the console is answered (`document-route.ts`). A
 * signed-in person's page is drawn by the server (`renderer.ts`, with the console's own build for
 * Node, dist/console-render: the same components, answers from this app as that person) and sent
 * with those answers (`document.ts`: the markup in the root element, the answers as script-safe
 * JSON), so it shows before any script has run; the console then hydrates it. Any other case
 * gets the plain document, drawn by the browser.
 *
 * Its public surface: other code imports this module only from here.
 */
export { consoleDocument } from './document-route.js';
