/**
 * The users module: who the users are — the `users` table (e-mail unique within an account, never checked against
 * other accounts), their company access and invitations (`tables.ts`), finding, adding and changing a user (every
 * user has a contact for alerts and reports, kept in step with their name and e-mail), and the fields any client
 * may see of one. Administering users (the `/users` routes, invitations, lifecycle, CSV) is `user-admin`'s.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { presentUser } from './presenter.js';
export { companyIdsColumn, findUser, findUserByEmail, insertUser, updateUser, usersWithEmail } from './repository.js';
export type { UserOfAccount, UserRow, UserWithAccess } from './repository.js';
