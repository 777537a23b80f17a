import { accountSchema, type CompanyLabel } from '../../shared/contracts/accounts.js';
import { api } from '../api/client.js';

/** Saves the account's own word for "company" (null: back to the product's words). */
export const saveCompanyLabel = (companyLabel: CompanyLabel | null) =>
  api.put('/accounts/current/company-label', { companyLabel }, { schema: accountSchema });
