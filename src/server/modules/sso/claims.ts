/** What Tandem reads of a person's claims: subject, e-mail (and whether verified), name, groups. */
export interface PersonClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

/** Groups from a claim: a list of names, or one name; anything else is none. */
function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string' && g !== '').slice(0, 1000);
  return [];
}

/** `email_verified` is true only when said so (some providers send the string "true"). */
const verified = (value: unknown) => value === true || value === 'true';

export function personClaims(claims: Record<string, unknown>, groupsClaim: string): PersonClaims {
  const email =
    typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim() : null;
  return {
    subject: String(claims.sub),
    email,
    emailVerified: email !== null && verified(claims.email_verified),
    name,
    groups: groupsOf(claims[groupsClaim]),
  };
}
