// The health module's public surface: other code imports this module only from here (or its tables.ts).
export { healthRoutes } from './routes.js';
