import type { FieldProblemCode } from './field-problems.js';

/**
 * The text forms fields must take, each with the field problem a mismatch is reported as (so a form says "use
 * HH:MM" rather than "not in the expected form"). Contracts check them with `.regex(patterns.x.regex, …)`; the
 * server's error map finds the code by the pattern zod reports.
 */
export const patterns = {
  /** a time of day, 24-hour */
  time: { regex: /^([01]\d|2[0-3]):[0-5]\d$/, code: 'invalid_time' },
  /** a time of day where 24:00 ends the day (business hours) */
  timeUntilMidnight: { regex: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, code: 'invalid_time' },
  /** a calendar day, YYYY-MM-DD */
  day: { regex: /^\d{4}-\d{2}-\d{2}$/, code: 'invalid_date' },
  colour: { regex: /^#[0-9a-fA-F]{6}$/, code: 'invalid_color' },
  /** a portal's address */
  slug: { regex: /^[a-z0-9]+(-[a-z0-9]+)*$/, code: 'invalid_slug' },
  /** a custom field's key */
  fieldKey: { regex: /^[a-z][a-z0-9_]*$/, code: 'invalid_field_key' },
  /** a device tag: no comma (the list's separator), not starting with a space */
  tag: { regex: /^[^,\s][^,]*$/, code: 'invalid_tag' },
  /** a name that goes into e-mails: no line break or other control character */
  singleLine: { regex: /^[^\p{Cc}]*$/u, code: 'no_control_characters' },
  /** a verification code sent by e-mail or SMS */
  sixDigits: { regex: /^\d{6}$/, code: 'not_six_digits' },
  /** an identifier a client makes up (a chat message's, for retries) */
  clientId: { regex: /^[\w-]+$/, code: 'invalid_format' },
} as const satisfies Record<string, { regex: RegExp; code: FieldProblemCode }>;

const codeByPattern = new Map<string, FieldProblemCode>(
  Object.values(patterns).map(({ regex, code }) => [String(regex), code]),
);

/** The field problem of a text that does not match `pattern` (as zod reports it: the regex's source with slashes). */
export function problemCodeOfPattern(pattern: string | undefined): FieldProblemCode {
  return (pattern && codeByPattern.get(pattern)) || 'invalid_format';
}
