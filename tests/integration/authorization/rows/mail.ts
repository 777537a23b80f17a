import type { MatrixRow } from '../matrix-kit.js';

/** The outbox of outgoing messages. */
export const mailRows: MatrixRow[] = [];
