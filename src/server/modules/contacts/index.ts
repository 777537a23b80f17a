/**
 * The contacts module: contacts and their communication methods (E.164 numbers with libphonenumber-js),
 * verification by link or six-digit code (`verification.ts`), every user's own contact kept in step
 * (`user-contact.ts`, called by the users repository)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export {
  contactsByIds,
  findContactOfUser,
  insertContact,
  insertMethod,
  replaceContactCompanies,
  updateMethodRow,
} from './repository.js';
export { contactRoutes } from './routes.js';
export { verifyCode } from './service.js';
export { createUserContact, syncUserContact } from './user-contact.js';
export { codeHash } from './verification.js';
