import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { Neighborhood } from './neighborhood.entity.ts';

// The geometry is mapped only as an opaque lazy reference (see neighborhood.entity.ts): spatial predicates and
// GeoJSON output are written in SQL here, always with bound parameters.

/**
 * The 행정동 containing a point, or null. ST_Intersects on the raw geometry lets the GIST index pick candidates;
 * it also counts a point exactly on a shared border, where ST_Contains would find neither side, and the lower code
 * wins such a tie so the answer is stable. (A raw filter through em.findOne, not a QueryBuilder, so the select
 * lists the mapped columns instead of `*`, which would drag the polygon along.)
 */
export function findNeighborhoodAt(em: EntityManager, latitude: number, longitude: number): Promise<Neighborhood | null> {
  return em.findOne(
    Neighborhood,
    { [raw('ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))', [longitude, latitude])]: true },
    { orderBy: { code: 'asc' } },
  );
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

