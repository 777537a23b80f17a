/**
 * The console's entry, small on purpose: its styles (in the document, so a page the server drew is
 * shown styled), then the console itself (start.tsx). Evaluating the console's scripts holds the
 * main thread for a while: a page the server drew is painted first, and they are evaluated after
 * that frame. Their files are fetched from the start (the document preloads them).
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';

// a page the server drew arrives inside the root; the plain document's root is empty. (Nothing is
// imported for this: what the entry imports would come with the console's own chunk, run first.)
const drawn = document.getElementById('root')?.hasChildNodes() === true;
const afterFirstPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

// not a top-level await: the console's chunks may import from this one, which must finish first
void (drawn ? afterFirstPaint() : Promise.resolve()).then(() => import('./start.js'));
