/**
 * The rules every error message on a form must follow (AC-USE-14): it says what is wrong and how to
 * fix it, in words, never as a code. `KNOWN_MESSAGES` are the CRM's documented messages of the forms
 * the flows use (demo-crm/docs/*.md): a message the list does not know is a finding too, so a raw or
 * changed message never slips through.
 */
export const KNOWN_MESSAGES: readonly RegExp[] = [
  /^Enter your (username|password)$/,
  /^Invalid username or password\.$/,
  /^Enter an? (first name|last name|company|email address|subject)$/,
  /^Enter a valid email address$/,
  /^Enter a valid phone number: 7–20 characters, at least 7 digits; digits, spaces, dashes, parentheses and an optional leading \+$/,
  /^Describe the problem$/,
  /^Enter a message$/,
  /^Quantity must be a whole number from 1 to 1,000,000$/,
  /^The payment of \$[\d,]+\.\d\d exceeds the open balance of \$[\d,]+\.\d\d\.?$/,
  /^Enter an amount/,
  /^Choose a priority \(P1–P4\)$/,
  /^Choose a category \([A-Za-z, ]+\)$/,
];

/** Something a user should never read: an HTTP status, an exception, a code, a path in the code. */
const RAW = /(\bHTTP\b|\b[45]\d\d (Bad|Not|Forbidden|Internal|Unprocessable)|\bERR_|SQLITE|Zod|undefined|null|NaN|Exception|TypeError|stack|\.ts:\d+|\bat \w+ \(|\{|\}|invalid_type|too_small)/;
/** An instruction (how to fix it) or a rule stated with its limits. */
const HOW = /^(Enter|Choose|Use|Describe|Pick|Select|Type)\b|\bmust be\b|\bexceeds\b/;
/** Sign-in may not say which of the two is wrong (it would confirm the username exists); retyping both is the fix. */
const SIGN_IN_EXCEPTION = /^Invalid username or password\.$/;

/** The part of a field's error before its hint (the CRM shows the field's hint after the message). */
export function messageOf(fieldError: string): string {
  return fieldError.split(/(?<=[a-z0-9.)%+])\s+(?=(Optional|At most|Unique|For example|Digits|Open balance|P1 =))/)[0]!.trim();
}

/** One line per rule a message breaks. */
export function messageProblems(where: string, message: string): string[] {
  const problems: string[] = [];
  if (!message) problems.push(`${where}: an empty message`);
  if (RAW.test(message)) problems.push(`${where}: "${message}" shows a raw code or technical term`);
  if (!HOW.test(message) && !SIGN_IN_EXCEPTION.test(message)) problems.push(`${where}: "${message}" does not say how to fix it`);
  if (!KNOWN_MESSAGES.some((known) => known.test(message))) problems.push(`${where}: "${message}" is not one of the CRM's documented messages`);
  return problems;
}
