import type { MatrixRow } from '../matrix-kit.js';

/** Seats & devices: the licence and seat assignments. */
export const seatRows: MatrixRow[] = [];
