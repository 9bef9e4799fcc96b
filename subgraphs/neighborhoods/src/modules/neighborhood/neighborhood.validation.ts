import { z } from 'zod';
import { badUserInput, checkPageSize, opaqueCursor } from '@petcare/service-kit';

const DISTRICT_MAX = 50;
const CODE = /^[0-9]{10}$/;

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

/** `neighborhoods(first)`: a whole 구 fits in the largest page, the whole country does not. */
export function checkNeighborhoodPageSize(field: string, first: number | null | undefined): number {
  return checkPageSize(field, first, { defaultSize: 50, max: 200 });
}

/** Positions in the code-ordered list of 행정동: the code of the last one a page returned. */
export const neighborhoodCursor = opaqueCursor('neighborhoods', z.string().regex(CODE));

/** Trims a 구 filter; null or undefined means "every 구". Throws BAD_USER_INPUT naming `field` when blank or absurdly long. */
export function checkDistrict(field: string, district: string | null | undefined): string | null {
  if (district == null) return null;
  const trimmed = district.trim();
  if (trimmed.length === 0) throw badUserInput(field, 'must not be blank: omit it to list every 구');
  if ([...trimmed].length > DISTRICT_MAX) throw badUserInput(field, `must be at most ${DISTRICT_MAX} characters`);
  return trimmed;
}
