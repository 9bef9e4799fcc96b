import { badUserInput } from '@petcare/service-kit';

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;
const DISPLAY_NAME_MAX = 40;

/** Returns the password if acceptable, else throws BAD_USER_INPUT naming `field`. */
export function checkPassword(field: string, password: string): string {
  if (password.length < PASSWORD_MIN) throw badUserInput(field, `must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) throw badUserInput(field, `must be at most ${PASSWORD_MAX} characters`);
  return password;
}

/** Trims a display name and checks its length; throws BAD_USER_INPUT naming `field`. */
export function checkDisplayName(field: string, displayName: string): string {
  const trimmed = displayName.trim();
  if (trimmed.length === 0) throw badUserInput(field, 'must not be empty');
  if ([...trimmed].length > DISPLAY_NAME_MAX) throw badUserInput(field, `must be at most ${DISPLAY_NAME_MAX} characters`);
  return trimmed;
}

/** E-mail identity is case-insensitive; the EmailAddress scalar has already checked the form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
