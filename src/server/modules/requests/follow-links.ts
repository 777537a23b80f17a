import type { RequestRow } from './repository.js';

/** How many earlier follow links keep working beside the latest. */
const earlierFollowLinksKept = 20;

/** The columns that issue a new follow token while the links already e-mailed keep working. */
export function withFollowToken(
  request: Pick<RequestRow, 'followTokenHash' | 'earlierFollowTokenHashes'>,
  hash: string,
): Pick<RequestRow, 'followTokenHash' | 'earlierFollowTokenHashes'> {
  const earlier = request.followTokenHash
    ? [request.followTokenHash, ...request.earlierFollowTokenHashes]
    : request.earlierFollowTokenHashes;
  return { followTokenHash: hash, earlierFollowTokenHashes: earlier.slice(0, earlierFollowLinksKept) };
}
