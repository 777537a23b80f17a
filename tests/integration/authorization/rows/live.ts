import { signedIn, type MatrixRow } from '../matrix-kit.js';

/** The live socket: anyone signed in may open it; a plain GET (what the matrix sends) answers 426. Upgrades are tested in live.test.ts. */
export const liveRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/live',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/live' }),
    expect: signedIn(426),
  },
];
