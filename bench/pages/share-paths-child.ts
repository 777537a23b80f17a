import { measureSharePaths } from './share-paths.js';

/**
 * `scripts/in-netns.sh node --import tsx bench/pages/share-paths-child.ts <sessions>`: the sessions
 * scenario's measurement inside a network namespace; its last line is the JSON of the figures.
 */
const sessions = Number(process.argv[2] ?? 20);
const times = await measureSharePaths(sessions, (line) => console.log(line));
console.log(JSON.stringify(times));
