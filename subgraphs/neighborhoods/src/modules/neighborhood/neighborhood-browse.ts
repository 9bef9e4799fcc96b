import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Neighborhood } from './neighborhood.entity.ts';

/** One page of 행정동 in code order, and what it takes to count the whole filtered list on demand. */
export interface NeighborhoodPage {
  nodes: Neighborhood[];
  hasNextPage: boolean;
  district: string | null;
}

/** Already-validated arguments of `Query.neighborhoods`. */
export interface NeighborhoodPageRequest {
  district: string | null;
  first: number;
  /** Code of the last 행정동 of the previous page. */
  afterCode: string | null;
}

function filter(district: string | null, afterCode: string | null = null): FilterQuery<Neighborhood> {
  return {
    ...(district !== null ? { district } : {}),
    ...(afterCode !== null ? { code: { $gt: afterCode } } : {}),
  };
}

/** Keyset pagination on code (stable under inserts, unlike offsets); one extra row tells whether more follow. */
export async function loadNeighborhoodPage(em: EntityManager, request: NeighborhoodPageRequest): Promise<NeighborhoodPage> {
  const rows = await em.find(Neighborhood, filter(request.district, request.afterCode), {
    orderBy: { code: 'asc' },
    limit: request.first + 1,
  });
  return { nodes: rows.slice(0, request.first), hasNextPage: rows.length > request.first, district: request.district };
}

/** How many 행정동 the page's filter matches across all pages. */
export function countNeighborhoods(em: EntityManager, district: string | null): Promise<number> {
  return em.count(Neighborhood, filter(district));
}

/** Names of the 구 with at least one loaded 행정동, in code-point order (가나다 for Hangul). */
export async function listDistricts(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ district: string }[]>('select district from neighborhood group by district order by district collate "C"');
  return rows.map((row) => row.district);
}
