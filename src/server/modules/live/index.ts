// The live module's public surface: other code imports this module only from here (or its tables.ts).
export { assertSameOrigin } from './origin.js';
export { liveRoutes } from './routes.js';
export { FrameBudget } from './socket-session.js';
