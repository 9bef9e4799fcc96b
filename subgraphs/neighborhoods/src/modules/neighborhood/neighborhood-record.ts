import type { Platform } from '@mikro-orm/postgresql';
import type { Neighborhood } from './neighborhood.entity.ts';

/**
 * A 행정동 as the API reads it: the entity's fields as plain data, which a loaded entity also is. The point lookup
 * builds one straight from its row instead of hydrating an entity: MikroORM's hydration (an accessor pair defined per
 * property on each instance, the request's identity map) kept each request's objects alive into the next scavenge,
 * which is what the lookup's p99 was made of (see `executeBound` for the same on the query path).
 */
export type NeighborhoodRecord = Pick<Neighborhood, 'code' | 'admCd' | 'name' | 'district' | 'city' | 'fullName' | 'centerLatitude' | 'centerLongitude' | 'updatedAt'>;

/** The columns a NeighborhoodRecord is read from, table alias `n`. */
export const neighborhoodColumns = 'n.code, n.adm_cd, n.name, n.district, n.city, n.full_name, n.center_latitude, n.center_longitude, n.updated_at';

/** A row selected with `neighborhoodColumns` as a NeighborhoodRecord; MikroORM's platform parses the timestamp as its hydration would. */
export function neighborhoodRecord(row: Record<string, unknown>, platform: Platform): NeighborhoodRecord {
  return {
    code: String(row['code']),
    admCd: row['adm_cd'] == null ? null : String(row['adm_cd']),
    name: String(row['name']),
    district: String(row['district']),
    city: String(row['city']),
    fullName: String(row['full_name']),
    centerLatitude: Number(row['center_latitude']),
    centerLongitude: Number(row['center_longitude']),
    updatedAt: platform.parseDate(row['updated_at'] as string) as Date,
  };
}
