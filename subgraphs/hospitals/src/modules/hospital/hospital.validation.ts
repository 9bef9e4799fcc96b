import { badUserInput, type PageSizeLimits } from '@petcare/service-kit';

/** Throws BAD_USER_INPUT naming `field` unless `value` is an integer in min..max. */
export function checkIntRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Bounds of hospitalsNear's radius: 50 km is already a whole metropolitan area. */
export const NEAR_RADIUS = { min: 1, max: 50_000, default: 3000 } as const;

/** Pages of hospitalsNear: 100 rows is a long list on a phone. */
export const NEAR_PAGE: PageSizeLimits = { defaultSize: 20, max: 100 };

/** Pages of Neighborhood.hospitals. */
export const NEIGHBORHOOD_PAGE: PageSizeLimits = { defaultSize: 50, max: 100 };
