import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { emailSchema } from '../../../shared/contracts/common.js';
import type { MethodType } from '../../../shared/contracts/contacts.js';
import { fieldError } from '../../platform/http/app-error.js';

/**
 * The stored form of a method's value: e-mail addresses lower-case, numbers in E.164
 * (+ country code, digits only). A number must be written with its country code.
 */
export function normaliseMethodValue(type: MethodType, value: string, path: string): string {
  if (type === 'email') {
    const parsed = emailSchema.safeParse(value);
    if (!parsed.success) throw fieldError(path, 'invalid_email', 'Enter a valid e-mail address');
    return parsed.data;
  }
  const phone = parsePhoneNumberFromString(value.trim());
  if (!phone || !phone.isValid())
    throw fieldError(path, 'invalid_phone', 'Enter a valid phone number with its country code, e.g. +33 6 12 34 56 78');
  return phone.number;
}
