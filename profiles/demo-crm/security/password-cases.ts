import { randomBytes } from 'node:crypto';

/**
 * The bundled CRM's password policy as its README states it ("Password policy"): at least 10
 * characters (counted as characters, so Chinese counts one each), not the username in any letter case,
 * not one character repeated, not one of the most used passwords. Each refusal names its rule on the
 * password field; the messages are the README's.
 */
export interface RefusedPassword {
  case: string;
  password: string;
  message: string;
}

export interface AcceptedPassword {
  case: string;
  password: string;
}

const MOST_USED = 'This is one of the most used passwords: choose one that is harder to guess';

/** `n` random characters of letters, digits, - and _, with no run a guessing list would hold. */
const randomCharacters = (n: number): string => randomBytes(n).toString('base64url').slice(0, n);

export function refusedPasswords(username: string): RefusedPassword[] {
  return [
    { case: 'nine characters', password: `${randomCharacters(8)}#`, message: 'Use at least 10 characters' },
    { case: 'the username in capitals, with more around it', password: `${username.toUpperCase()}-2026!`, message: 'Do not use the username in the password' },
    { case: 'one character repeated twelve times', password: 'z'.repeat(12), message: 'Do not repeat one character: choose a password that is harder to guess' },
    { case: '"Password123"', password: 'Password123', message: MOST_USED },
    { case: '"qwertyuiop"', password: 'qwertyuiop', message: MOST_USED },
    { case: '"1234567890"', password: '1234567890', message: MOST_USED },
  ];
}

export function acceptedPasswords(): AcceptedPassword[] {
  return [
    { case: 'exactly ten characters', password: `${randomCharacters(9)}#` },
    { case: 'eleven Chinese characters', password: '我的密码很长而且很安全' },
    { case: 'a passphrase of six words', password: `quiet ${randomCharacters(4)} morning harbour lantern violet` },
  ];
}
