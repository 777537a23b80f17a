import { z } from 'zod';

/**
 * Imported first by start.tsx, before any schema exists. zod compiles its object parsers with
 * `new Function` when it may; the console's content security policy forbids that, so zod's probe
 * for it is refused, and the browser reports the refusal with where it happened — which costs
 * reading the source positions of the whole first chunk (about 150 ms of a cold load here).
 * Without the probe, zod parses as it would after a refused probe.
 */
z.config({ jitless: true });
