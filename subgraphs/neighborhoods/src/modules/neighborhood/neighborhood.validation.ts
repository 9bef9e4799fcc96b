import { badUserInput } from '@petcare/service-kit';

/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page `neighborhoods` serves; a whole 구 fits, the whole country does not. */
export const MAX_PAGE_SIZE = 200;
const DISTRICT_MAX = 50;
const CODE = /^[0-9]{10}$/;
const CURSOR_PREFIX = 'neighborhood:';

/** True for a 10-digit 행정동 code (adm_cd2). */
export function isNeighborhoodCode(code: string): boolean {
  return CODE.test(code);
}

/** Returns the trimmed 10-digit 행정동 code, else throws BAD_USER_INPUT naming `field`. */
export function checkNeighborhoodCode(field: string, code: string): string {
  const trimmed = code.trim();
  if (!isNeighborhoodCode(trimmed)) throw badUserInput(field, `must be a 10-digit 행정동 code such as "1168064000", got "${code}"`);
  return trimmed;
}

/** Returns the page size, or throws BAD_USER_INPUT naming `field` when outside 1..MAX_PAGE_SIZE. */
export function checkPageSize(field: string, first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

/** Trims a 구 filter; null or undefined means "every 구". Throws BAD_USER_INPUT naming `field` when blank or absurdly long. */
export function checkDistrict(field: string, district: string | null | undefined): string | null {
  if (district == null) return null;
  const trimmed = district.trim();
  if (trimmed.length === 0) throw badUserInput(field, 'must not be blank: omit it to list every 구');
  if ([...trimmed].length > DISTRICT_MAX) throw badUserInput(field, `must be at most ${DISTRICT_MAX} characters`);
  return trimmed;
}

/**
 * The opaque cursor of a 행정동 in a code-ordered list. Opaque so clients do not build cursors themselves
 * and the ordering can change without breaking them.
 */
export function encodeCursor(code: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${code}`, 'utf8').toString('base64url');
}

/** The code a cursor stands for; null or undefined means "from the start". Throws BAD_USER_INPUT naming `field` for a foreign cursor. */
export function decodeCursor(field: string, cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const code = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!isNeighborhoodCode(code)) throw badUserInput(field, 'is not a cursor returned by `neighborhoods`');
  return code;
}
