import type { MatrixRow } from '../matrix-kit.js';

/** Users & permissions: list, invitations, edits, CSV import and export. */
export const userRows: MatrixRow[] = [];
