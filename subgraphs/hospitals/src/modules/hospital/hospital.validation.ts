import { z } from 'zod';
import { badUserInput, opaqueCursor, type PageSizeLimits } from '@petcare/service-kit';

/** Throws BAD_USER_INPUT naming `field` unless `value` is an integer in min..max. */
export function checkIntRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Throws BAD_USER_INPUT naming `field` when a text holds a NUL character, which PostgreSQL text cannot store. */
export function refuseNul(field: string, value: string): void {
  if (value.includes('\u0000')) throw badUserInput(field, 'must not contain NUL characters');
}

/** Bounds of hospitalsNear's radius: 50 km is already a whole metropolitan area. */
export const NEAR_RADIUS = { min: 1, max: 50_000, default: 3000 } as const;

/** Pages of hospitalsNear: 100 rows is a long list on a phone. */
export const NEAR_PAGE: PageSizeLimits = { defaultSize: 20, max: 100 };

/** Pages of Neighborhood.hospitals. */
export const NEIGHBORHOOD_PAGE: PageSizeLimits = { defaultSize: 50, max: 100 };

/**
 * Positions in a hospitalsNear list: the point searched from (a cursor of another search is refused), and the
 * distance and id of the last hospital a page returned.
 */
export const nearCursor = opaqueCursor(
  'hospitalsNear',
  z.object({ latitude: z.number(), longitude: z.number(), distanceMeters: z.number().min(0), id: z.string().min(1).max(64) }),
);

/** The position to continue after, or BAD_USER_INPUT naming `after` for a cursor of another point. */
export function checkNearAfter(after: string | null | undefined, latitude: number, longitude: number) {
  const position = nearCursor.decode('after', after);
  if (position && (position.latitude !== latitude || position.longitude !== longitude)) {
    throw badUserInput('after', 'is a cursor of a search around another point: pass a cursor this search returned');
  }
  return position && { distanceMeters: position.distanceMeters, id: position.id };
}
