/**
 * The users module: users (e-mail unique within an account, never checked against other accounts), invitations,
 * CSV import/export, role and access changes
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { presentUser } from './presenter.js';
export { companyIdsColumn, findUser, insertUser, updateUser, usersWithEmail } from './repository.js';
export type { UserOfAccount, UserRow, UserWithAccess } from './repository.js';
export { userRoutes } from './routes.js';
