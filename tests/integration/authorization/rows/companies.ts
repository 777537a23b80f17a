import type { MatrixRow } from '../matrix-kit.js';

/** Companies: list, details, branding, user access, data key, inventory, delete. */
export const companyRows: MatrixRow[] = [];
