/**
 * The closed set of field-problem codes: what a `validation_failed` answer (and a few 409s) says
 * about each field, in `details: [{ path, code, params?, message }]`. Clients translate `code`,
 * interpolating `params`; `message` is the same problem as an English sentence for API users.
 *
 * Where codes come from (one way each):
 * - zod's own checks (too long, missing, not an e-mail address, not one of a list…) are turned
 *   into a code and params by the server's one issue map, whatever their English message says;
 * - a custom refinement carries its code in zod's `params`:
 *   `.refine(fn, { message: 'English sentence', params: coded('guessable_password') })`, or
 *   `ctx.addIssue({ code: 'custom', message, params: coded('too_few', { min: 2 }) })`;
 *   a custom issue without a code answers `invalid_value`;
 * - services raise `fieldError(path, code | { code, params }, message)`.
 *
 * Dependency-free (no zod): the portal imports it too.
 */
export interface FieldProblemParams {
  /** missing, or empty where something is needed */
  required: undefined;
  not_text: undefined;
  not_a_number: undefined;
  not_an_integer: undefined;
  not_a_boolean: undefined;
  not_a_list: undefined;
  not_an_object: undefined;
  /** any other wrong JSON type */
  invalid_type: undefined;
  /** text under a length */
  too_short: { min: number };
  /** text over a length */
  too_long: { max: number };
  /** a number under a minimum */
  too_small: { min: number };
  /** a number over a maximum */
  too_big: { max: number };
  /** a file larger than the limit that applies to it */
  too_large: { maxBytes: number };
  /** a list with too few items */
  too_few: { min: number };
  /** a list (or file) with too many items */
  too_many: { max: number };
  invalid_email: undefined;
  invalid_phone: undefined;
  /** not a UUID */
  invalid_id: undefined;
  invalid_date: undefined;
  invalid_url: undefined;
  /** text not of the expected form (a pattern without a code of its own) */
  invalid_format: undefined;
  /** not a time of day of the form HH:MM */
  invalid_time: undefined;
  /** not a colour of the form #rrggbb */
  invalid_color: undefined;
  /** not a portal address (lower-case letters, digits, single hyphens) */
  invalid_slug: undefined;
  /** not a custom field key (lower-case letters, digits, underscores, a letter first) */
  invalid_field_key: undefined;
  /** a device tag with a comma, or starting with a space */
  invalid_tag: undefined;
  /** a line break or another control character where one line is expected */
  no_control_characters: undefined;
  /** a line that is not a stun:, turn: or turns: address */
  invalid_ice_server: undefined;
  /** not a nine-digit session code */
  not_nine_digits: undefined;
  /** not a six-digit code */
  not_six_digits: undefined;
  /** not one of the accepted values */
  invalid_choice: { options: string[] };
  /** a field this request does not take */
  unknown_field: undefined;
  /** text PostgreSQL cannot store: a NUL character or a broken (unpaired surrogate) character */
  unstorable_text: undefined;
  /** input nested deeper than any request needs */
  too_deep: { max: number };
  /** an address whose percent-encoding is not UTF-8 */
  invalid_encoding: undefined;
  /** anything else zod refuses (a union none of whose members fit, a custom check without a code) */
  invalid_value: undefined;
  guessable_password: undefined;
  future_date_required: undefined;
  unknown_time_zone: undefined;
  /** a value set aside (e.g. a portal address Tandem uses itself) */
  reserved: undefined;
  /** the same value twice where each must be different */
  duplicate: undefined;
  /** already used by another record (e.g. a user's e-mail address) */
  taken: undefined;
  /** a field that does not apply to this kind of record or event */
  not_applicable: undefined;
  /** an id of something that does not exist or that the caller cannot see */
  not_found: undefined;
  /** a typed confirmation that does not match (e.g. a company's name) */
  confirmation_mismatch: undefined;
  end_before_start: undefined;
  /** the same value as now where a change is asked for (e.g. moving devices to their own company) */
  unchanged: undefined;
  /** a company setting the account has locked */
  locked: undefined;
  /** a company's security setting looser than the account's */
  less_strict: undefined;
  /** a change that changes nothing (neither of the fields that make one was sent) */
  empty_change: undefined;
  /** a chat message with neither text nor file */
  empty_message: undefined;
  /** a one-time code that is not of the form of one */
  invalid_code: undefined;
  /** a password that is not the user's own (asked again before a sensitive change) */
  wrong_password: undefined;
  /** a one-time code that is not the right one */
  wrong_code: undefined;
  /** the same, with the tries left before a new code is needed */
  wrong_code_tries_left: { attemptsLeft: number };
  empty_file: undefined;
  unreadable_file: undefined;
  /** a CSV file whose header lacks columns */
  missing_columns: { columns: string[] };
  /** a list cursor Tandem did not give for this list and order */
  invalid_cursor: undefined;
  /** a contact method kind chosen for alerts with no verified, enabled method of that kind */
  unverified_method: undefined;
}

export type FieldProblemCode = keyof FieldProblemParams;

/** Every code, in one list (for checks and translations tests). */
export const fieldProblemCodes = Object.keys({
  required: 1,
  not_text: 1,
  not_a_number: 1,
  not_an_integer: 1,
  not_a_boolean: 1,
  not_a_list: 1,
  not_an_object: 1,
  invalid_type: 1,
  too_short: 1,
  too_long: 1,
  too_small: 1,
  too_big: 1,
  too_large: 1,
  too_few: 1,
  too_many: 1,
  invalid_email: 1,
  invalid_phone: 1,
  invalid_id: 1,
  invalid_date: 1,
  invalid_url: 1,
  invalid_format: 1,
  invalid_time: 1,
  invalid_color: 1,
  invalid_slug: 1,
  invalid_field_key: 1,
  invalid_tag: 1,
  no_control_characters: 1,
  not_six_digits: 1,
  invalid_ice_server: 1,
  not_nine_digits: 1,
  invalid_choice: 1,
  unknown_field: 1,
  unstorable_text: 1,
  too_deep: 1,
  invalid_encoding: 1,
  invalid_value: 1,
  guessable_password: 1,
  future_date_required: 1,
  unknown_time_zone: 1,
  reserved: 1,
  duplicate: 1,
  taken: 1,
  not_applicable: 1,
  not_found: 1,
  confirmation_mismatch: 1,
  end_before_start: 1,
  unchanged: 1,
  locked: 1,
  less_strict: 1,
  empty_change: 1,
  empty_message: 1,
  invalid_code: 1,
  wrong_password: 1,
  wrong_code: 1,
  wrong_code_tries_left: 1,
  empty_file: 1,
  unreadable_file: 1,
  missing_columns: 1,
  invalid_cursor: 1,
  unverified_method: 1,
} satisfies Record<FieldProblemCode, 1>) as FieldProblemCode[];

/** Codes that take no params. */
export type PlainProblemCode = {
  [C in FieldProblemCode]: FieldProblemParams[C] extends undefined ? C : never;
}[FieldProblemCode];

/** A code with its params, as a discriminated union (`params` only where the code has some). */
export type Problem = {
  [C in FieldProblemCode]: FieldProblemParams[C] extends undefined
    ? { code: C; params?: undefined }
    : { code: C; params: FieldProblemParams[C] };
}[FieldProblemCode];

export type FieldProblem = Problem & {
  /** dotted path of the field, e.g. `email` or `methods.0.value` */
  path: string;
  /** the problem as an English sentence, for API users */
  message: string;
};

export function isFieldProblemCode(value: unknown): value is FieldProblemCode {
  return typeof value === 'string' && (fieldProblemCodes as string[]).includes(value);
}

/** zod `params` for a custom refinement: `{ code, ...params }` (see the file's comment). */
export function coded<C extends PlainProblemCode>(code: C): { code: C };
export function coded<C extends Exclude<FieldProblemCode, PlainProblemCode>>(
  code: C,
  params: FieldProblemParams[C],
): { code: C } & FieldProblemParams[C];
export function coded(code: FieldProblemCode, params?: object): Record<string, unknown> {
  return { code, ...params };
}

/**
 * A problem's params ready to interpolate in a language: numbers with the locale's digits and
 * separators, lists joined by its words ("a, b or c" for options, "a, b and c" otherwise).
 */
export function problemValues(params: object | undefined, locale: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([key, value]) => [
      key,
      typeof value === 'number'
        ? new Intl.NumberFormat(locale).format(value)
        : Array.isArray(value)
          ? new Intl.ListFormat(locale, { type: key === 'options' ? 'disjunction' : 'conjunction' }).format(
              value.map((v) => String(v)),
            )
          : String(value),
    ]),
  );
}
