/**
 * The password policy, wherever a password is set (a new user, a reset): long enough, not the user's
 * own name, not one character over and over, and not one of the passwords everyone tries first — the
 * rules of NIST SP 800-63B, which asks for no mix of character classes. Length counts characters, so
 * a Chinese passphrase of ten characters is as long as ten letters.
 */
export const PASSWORD_MIN_CHARACTERS = 10;
export const PASSWORD_MAX_CHARACTERS = 200;

/** The most used passwords of ten characters or more (from the public lists of breached passwords), lower-cased. */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '123456789a', 'a123456789', '1234567891', '0987654321', '9876543210',
  '1111111111', '0000000000', 'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', '1q2w3e4r5t', '1qaz2wsx3edc',
  'asdfghjkl1', 'zxcvbnm123', 'abcdefghij', 'abc1234567', 'password12', 'password123', 'password1234', 'passw0rd12',
  'passw0rd123', 'p@ssw0rd12', 'p@ssword123', 'iloveyou12', 'iloveyou123', 'football12', 'baseball12', 'sunshine12',
  'princess12', 'welcome123', 'welcome1234', 'admin12345', 'administrator', 'letmein123', 'changeme123', 'trustno1234',
  'superman12', 'monkey1234', 'dragon1234', 'master1234', 'starwars12', 'computer12', 'whatever12', 'michael123',
]);

/** What is wrong with `password` for the user `username` (empty: the rules of the password alone), in the words the form shows; undefined when it may be used. */
export function passwordProblem(password: string, username: string): string | undefined {
  const characters = [...password].length;
  if (characters < PASSWORD_MIN_CHARACTERS) return `Use at least ${PASSWORD_MIN_CHARACTERS} characters`;
  if (characters > PASSWORD_MAX_CHARACTERS) return `Use at most ${PASSWORD_MAX_CHARACTERS} characters`;
  const lower = password.toLowerCase();
  if (username && lower.includes(username.trim().toLowerCase())) return 'Do not use the username in the password';
  if (new Set(password).size === 1) return 'Do not repeat one character: choose a password that is harder to guess';
  if (COMMON_PASSWORDS.has(lower)) return 'This is one of the most used passwords: choose one that is harder to guess';
  return undefined;
}
