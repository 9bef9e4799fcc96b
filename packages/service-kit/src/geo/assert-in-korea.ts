import { badUserInput } from '../errors/graphql-errors.ts';

/**
 * South Korea's extent, Marado to the DMZ and Baengnyeongdo to Dokdo, with a small margin.
 * Points outside cannot be in any 행정동, so they are rejected as input rather than answered with "nothing here".
 */
export const KOREA_BOUNDS = { minLatitude: 33.0, maxLatitude: 38.7, minLongitude: 124.5, maxLongitude: 132.0 } as const;

/** Throws BAD_USER_INPUT naming the offending argument when a coordinate lies outside South Korea. */
export function assertInKorea(latitude: number, longitude: number, fields = { latitude: 'latitude', longitude: 'longitude' }): void {
  const b = KOREA_BOUNDS;
  if (latitude < b.minLatitude || latitude > b.maxLatitude) {
    throw badUserInput(fields.latitude, `${latitude} is outside South Korea (${b.minLatitude}..${b.maxLatitude})`);
  }
  if (longitude < b.minLongitude || longitude > b.maxLongitude) {
    throw badUserInput(fields.longitude, `${longitude} is outside South Korea (${b.minLongitude}..${b.maxLongitude})`);
  }
}
