/**
 * The api-tokens module: personal API tokens (hashed, prefix, expiry, revocation)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { findLiveToken, insertToken, noteTokenUsed, revokeAllTokensOf } from './repository.js';
export { createToken } from './service.js';
export { apiTokenRoutes } from './routes.js';
