/**
 * New passwords that the length rule lets through but that every guessing list tries first: the
 * most common passwords of at least 10 characters (from the public lists of leaked passwords, in
 * English and French), one character or a short pattern repeated, and keyboard, alphabet or digit
 * runs. Used by the shared password schema (server) and the console's form checks alike.
 */
const common = new Set(
  `1234567890 0987654321 1234512345 1234554321 1029384756 1qaz2wsx3edc 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5
  q1w2e3r4t5y6 a1b2c3d4e5 a1a2a3a4a5 aa12345678 abc1234567 abcd123456 a123456789 123456789a 1234567890a 987654321a
  qwerty1234 qwerty12345 qwerty123456 qwertyuiop123 qazwsxedc123 qazwsxedcrfv 1qazxsw23edc zaq12wsx3edc
  asdfghjkl1 asdfghjkl123 zxcvbnm123 zxcvbnmasdf password12 password123 password1234 password12345 password2024
  password2025 password2026 passw0rd123 p@ssw0rd123 p@ssword123 passwordpassword pass123456 mypassword
  mypassword1 mypassword123 iloveyou12 iloveyou123 iloveyou!! loveyou123 welcome123 welcome1234 welcome2025
  letmein123 administrator admin12345 admin123456 changeme123 changemenow football123 baseball123 trustno1234
  sunshine123 princess123 superman123 batman12345 starwars123 dragon12345 monkey12345 michael123 jennifer123
  secret1234 secret12345 test123456 testtest123 hello12345 hellohello whatever123 computer123 internet123
  summer2024 summer2025 winter2024 winter2025 spring2025 autumn2025 azertyuiop azerty1234 azerty123456
  motdepasse motdepasse1 motdepasse123 soleil1234 bonjour123 doudou1234 chouchou123 marseille13 nicolas1234
  tandem1234 tandempassword remotesupport support123 helpdesk123 11223344556677`.split(/\s+/),
);

const runs = [
  '0123456789012345678901234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
];

/** Why a new password is too easy to guess, or null when it is not one of those. */
export function guessablePassword(password: string): 'common' | 'repeated' | 'sequence' | null {
  const plain = password.toLowerCase().replace(/\s+/g, '');
  if (common.has(plain)) return 'common';
  // one character, or a pattern of up to 4 characters, over and over: aaaaaaaaaa, 1212121212, abcabcabca
  if (/^(.{1,4})\1+.{0,3}$/u.test(plain) && new Set(plain).size <= 4) return 'repeated';
  if (plain.length >= 8 && runs.some((run) => run.includes(plain) || [...run].reverse().join('').includes(plain)))
    return 'sequence';
  return null;
}
