// The api-tokens module's public surface: other code imports this module only from here (or its tables.ts).
export { findLiveToken, insertToken, noteTokenUsed, revokeAllTokensOf } from './repository.js';
export { apiTokenRoutes } from './routes.js';
