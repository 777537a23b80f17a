/**
 * A session code as people type, paste and read it: nine digits, shown in groups of three
 * ("123 456 789"). Spaces, dashes, dots and any other non-digit a paste brings are ignored.
 */
export const codeLength = 9;

/** The digits of what was typed or pasted, at most nine. */
export function codeDigits(input: string): string {
  return input.replace(/\D/g, '').slice(0, codeLength);
}

/** The digits in groups of three, separated by a space: "123456789" → "123 456 789", "1234" → "123 4". */
export function formatCode(input: string): string {
  return (codeDigits(input).match(/\d{1,3}/g) ?? []).join(' ');
}

/** The code to send, or null while it is not exactly nine digits. */
export function parseCode(input: string): string | null {
  const digits = input.replace(/\D/g, '');
  return digits.length === codeLength ? digits : null;
}
