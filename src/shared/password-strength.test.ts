import { describe, expect, it } from 'vitest';
import { passwordSchema } from './contracts/common.js';
import { guessablePassword } from './password-strength.js';

describe('guessablePassword', () => {
  it('refuses the passwords guessing lists try first', () => {
    expect(guessablePassword('aaaaaaaaaa')).toBe('repeated');
    expect(guessablePassword('1212121212')).toBe('repeated');
    expect(guessablePassword('abcabcabcabc')).toBe('repeated');
    expect(guessablePassword('1234567890')).toBe('common');
    expect(guessablePassword('Password123')).toBe('common');
    expect(guessablePassword('MotDePasse1')).toBe('common');
    expect(guessablePassword('qwertyuiopas')).toBe('sequence');
    expect(guessablePassword('zyxwvutsrqpo')).toBe('sequence');
  });

  it('lets ordinary long passwords through', () => {
    for (const fine of [
      'correct horse battery staple',
      'tandem demo password',
      'tom has a long password',
      'bench password 0123456789',
      'aab4-Zq!9pLm',
    ]) {
      expect(guessablePassword(fine), fine).toBeNull();
    }
  });

  it('is part of the password schema every new password goes through', () => {
    const refused = passwordSchema.safeParse('aaaaaaaaaa');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/too easy to guess/);
    expect(passwordSchema.safeParse('a sentence nobody guesses').success).toBe(true);
  });
});
