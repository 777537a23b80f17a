/**
 * The API documentation of a route whose target is one object (a company, a device): its id decides 404 before the
 * permission decides 403, as the access layer (`platform/access.ts`) does.
 */
export const visibleThen = (permission: string, object: 'company' | 'device') =>
  `Needs \`${permission}\` on a ${object} you can see. Another account's ${object}, one outside your company access and a missing one all answer 404; a visible one without the permission answers 403.`;
