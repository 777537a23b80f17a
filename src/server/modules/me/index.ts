/**
 * The me module: the signed-in user's profile and password
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { meRoutes } from './routes.js';
