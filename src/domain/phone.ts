/** Vietnamese mobile numbers: accept +84 / 84 / 0 forms, spaces, dots and dashes. */

/** Returns the national form "0xxxxxxxxx" (10 digits), or null when not a valid number. */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(digits)) national = `0${digits.slice(3)}`;
  else if (/^84\d{9}$/.test(digits)) national = `0${digits.slice(2)}`;
  else if (/^0\d+$/.test(digits)) national = digits;
  else if (/^[1-9]\d{8}$/.test(digits))
    national = `0${digits}`; // Telegram sometimes drops the 0
  else return null;
  return /^0\d{9}$/.test(national) ? national : null;
}
