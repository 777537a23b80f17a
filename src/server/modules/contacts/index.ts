// The contacts module's public surface: other code imports this module only from here (or its tables.ts).
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
