import { badUserInput } from '@petcare/service-kit';

/** Throws BAD_USER_INPUT naming `field` unless `value` is an integer in min..max. */
export function checkIntRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Bounds of hospitalsNear's arguments: 50 km is already a whole metropolitan area, 100 rows a long list. */
export const NEAR_LIMITS = { radiusMeters: { min: 1, max: 50_000 }, first: { min: 1, max: 100 } } as const;

/** Bounds of Neighborhood.hospitals' `first`. */
export const NEIGHBORHOOD_FIRST = { min: 1, max: 100 } as const;
