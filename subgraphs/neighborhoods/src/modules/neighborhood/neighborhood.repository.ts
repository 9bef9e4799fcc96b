import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import { Neighborhood } from './neighborhood.entity.ts';
import { neighborhoodColumns, neighborhoodRecord, type NeighborhoodRecord } from './neighborhood-record.ts';

// The geometry is mapped only as an opaque lazy reference (see neighborhood.entity.ts): spatial predicates and
// GeoJSON output are written in SQL here, always with bound parameters.

/**
 * The 행정동 containing a point, or null. ST_Intersects on the raw geometry lets the GIST index pick candidates;
 * it also counts a point exactly on a shared border, where ST_Contains would find neither side, and the lower code
 * wins such a tie so the answer is stable. Only the record's columns travel, never the polygon.
 */
export async function findNeighborhoodAt(em: EntityManager, latitude: number, longitude: number): Promise<NeighborhoodRecord | null> {
  const [row] = await executeBound(
    em,
    `select ${neighborhoodColumns} from neighborhood n where ST_Intersects(n.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) order by n.code limit 1`,
    [longitude, latitude],
    { prepared: true },
  );
  return row ? neighborhoodRecord(row, em.getPlatform()) : null;
}

/**
 * How far a point lies from the edge of a 행정동, in metres on the WGS84 ellipsoid: a GPS fix whose accuracy
 * radius is larger than this may really be on the other side.
 */
export async function distanceToEdgeMeters(em: EntityManager, code: string, latitude: number, longitude: number): Promise<number> {
  const [row] = await em.execute<{ meters: number }[]>(
    'select ST_Distance(ST_Boundary(geom)::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) as meters from neighborhood where code = ?',
    [longitude, latitude, code],
  );
  if (!row) throw new Error(`행정동 ${code} vanished while verifying`);
  return row.meters;
}

/** Boundaries as GeoJSON MultiPolygon strings by code, in one query; 7 decimals is about 1 cm, plenty for a border. */
export async function loadBoundaries(em: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await em.execute<{ code: string; boundary: string }[]>(
    'select code, ST_AsGeoJSON(geom, 7) as boundary from neighborhood where code in (?)',
    [[...codes]],
  );
  return new Map(rows.map((row) => [row.code, row.boundary]));
}

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