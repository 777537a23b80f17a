import type { MatrixRow } from '../matrix-kit.js';

/** Two-factor sign-in: enrolment, recovery codes, the second step, resets. */
export const twoFactorRows: MatrixRow[] = [];
