// The presence module's public surface: other code imports this module only from here (or its tables.ts).
export { countAvailable, markOnline, presenceOf, someonePresent, upsertPresence } from './repository.js';
export { presenceRoutes } from './routes.js';
export { presenceGraceMs, trackPresence } from './service.js';
