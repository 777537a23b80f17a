import { isUniqueViolation } from '../../platform/db/constraint-violation.js';
import { ScimError } from './errors.js';

export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness');

/** Runs a write; a race on a unique index becomes SCIM's 409 `uniqueness`, as the early check answers. */
export async function translatingUniqueness<T>(constraint: string, detail: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw uniqueness(detail);
    throw error;
  }
}
