/**
 * The health module: `/healthz`, `/metrics`
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { healthRoutes } from './routes.js';
