// The api-tokens module's public surface: other code imports this module only from here (or its tables.ts).
export { insertToken, revokeAllTokensOf } from './repository.js';
export { apiTokenRoutes } from './routes.js';
