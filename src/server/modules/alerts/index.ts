// The alerts module's public surface: other code imports this module only from here (or its tables.ts).
export { fireDueConditions, processEvents } from './engine.js';
export { replaceRuleCompanies, rulesUsingContact } from './repository.js';
export { alertRoutes } from './routes.js';
export { startAlerts } from './worker.js';
