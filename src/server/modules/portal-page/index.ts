// The portal-page module's public surface: other code imports this module only from here (or its tables.ts).
export { portalPageRoutes } from './routes.js';
