import { z } from 'zod';
import { assertInKorea, badUserInput, checkPageSize, opaqueCursor, type PageSizeLimits } from '@petcare/service-kit';
import { checkIntRange, refuseNul } from '../hospital/hospital.validation.ts';
import { searchTerms } from './search-text.ts';
import { termMatcher, type TermMatcher } from './search-terms.ts';

/** Longest query accepted, in characters. */
export const SEARCH_QUERY_MAX = 100;
/** Most words a query may hold: each adds a condition. */
export const SEARCH_WORDS_MAX = 8;
/** Pages of searchHospitals. */
export const SEARCH_PAGE: PageSizeLimits = { defaultSize: 20, max: 50 };
const DISTRICT_MAX = 40;

/** Positions in a search's ranking (see SearchPosition); checked on the way back in, so a forged one is a clear error. */
export const searchCursor = opaqueCursor(
  'searchHospitals',
  z.object({ score: z.number().int().min(0), distance: z.number().min(0).nullable(), length: z.number().int().min(0), id: z.string().min(1).max(64) }),
);

/** The words of a query as matchers, or BAD_USER_INPUT naming `query`. */
export function checkSearchQuery(query: string): TermMatcher[] {
  refuseNul('query', query);
  const length = Array.from(query).length;
  if (length > SEARCH_QUERY_MAX) throw badUserInput('query', `must be at most ${SEARCH_QUERY_MAX} characters, got ${length}`);
  const terms = searchTerms(query);
  if (terms.length === 0) throw badUserInput('query', 'must contain a word to look for');
  if (terms.length > SEARCH_WORDS_MAX) throw badUserInput('query', `must hold at most ${SEARCH_WORDS_MAX} words, got ${terms.length}`);
  return terms.map(termMatcher);
}

/** A 시·군·구 filter, trimmed; null when absent; BAD_USER_INPUT naming `district` otherwise. */
export function checkDistrict(district: string | null | undefined): string | null {
  if (district == null) return null;
  refuseNul('district', district);
  const trimmed = district.trim().replace(/\s+/gu, ' ');
  if (trimmed.length === 0 || trimmed.length > DISTRICT_MAX) throw badUserInput('district', `must be 1 to ${DISTRICT_MAX} characters, e.g. "강남구"`);
  return trimmed;
}

/** The `near` input, checked; null when absent. */
export function checkNearPoint(near: { latitude: number; longitude: number; radiusMeters?: number | null } | null | undefined) {
  if (!near) return null;
  assertInKorea(near.latitude, near.longitude, { latitude: 'near.latitude', longitude: 'near.longitude' });
  return { latitude: near.latitude, longitude: near.longitude, radiusMeters: checkIntRange('near.radiusMeters', near.radiusMeters ?? 5000, 1, 50_000) };
}

/** A page size within SEARCH_PAGE, or BAD_USER_INPUT naming `first`. */
export const checkSearchPageSize = (first: number | null | undefined) => checkPageSize('first', first, SEARCH_PAGE);
