import { badUserInput, hasUnsafeCharacters } from '@petcare/service-kit';

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;
const DISPLAY_NAME_MAX = 40;

/** Returns the password if acceptable, else throws BAD_USER_INPUT naming `field`. */
export function checkPassword(field: string, password: string): string {
  if (password.length < PASSWORD_MIN) throw badUserInput(field, `must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) throw badUserInput(field, `must be at most ${PASSWORD_MAX} characters`);
  return password;
}

// Format characters (zero-width spaces and joiners, the BOM, word joiners) and separators show nothing on their own.
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

/**
 * Trims a display name and checks it is something others can read: not empty, not only invisible characters, no
 * control characters, bidi overrides or broken surrogates, not too long. Throws BAD_USER_INPUT naming `field`.
 */
export function checkDisplayName(field: string, displayName: string): string {
  const trimmed = displayName.trim();
  if (trimmed.length === 0) throw badUserInput(field, 'must not be empty');
  if (hasUnsafeCharacters(trimmed)) throw badUserInput(field, 'must not contain control characters, bidi overrides or broken surrogates');
  if (trimmed.replace(INVISIBLE, '').length === 0) throw badUserInput(field, 'must contain a visible character');
  if ([...trimmed].length > DISPLAY_NAME_MAX) throw badUserInput(field, `must be at most ${DISPLAY_NAME_MAX} characters`);
  return trimmed;
}

/** E-mail identity is case-insensitive; the EmailAddress scalar has already checked the form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
