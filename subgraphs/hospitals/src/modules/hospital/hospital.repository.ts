import type { EntityManager } from '@mikro-orm/postgresql';
import { Hospital } from './hospital.entity.ts';

/** The columns of a Hospital entity, from table alias `h`, with the point unpacked the way the entity's formulas do. */
const hospitalColumns = `h.id, h.name, h.status, h.status_code, h.detail_status, h.open_24_hours, h.phone, h.address,
  h.road_address, h.postal_code, st_y(h.location::geometry) as latitude, st_x(h.location::geometry) as longitude,
  h.licensed_at, h.closed_at, h.source_updated_at, h.imported_at, h.updated_at`;

/** What `findHospitalsNear` searches for; already validated. */
export interface NearSearch {
  latitude: number;
  longitude: number;
  radiusMeters: number;
  first: number;
  open24HoursOnly: boolean;
  includeClosed: boolean;
}

/** A hospital with its distance from the searched point. */
export interface HospitalAtDistance {
  hospital: Hospital;
  distanceMeters: number;
}

/**
 * Hospitals within a radius, nearest first, in one query. The inner query walks the GIST index in distance
 * order (`<->`, KNN) and stops after `first` rows, whatever the radius; the outer one drops those beyond the
 * radius and re-sorts by the exact ellipsoidal distance it reports (`<->` measures on the sphere). ST_DWithin is
 * left out on purpose: the planner misjudges its selectivity and then sorts every hospital in range instead.
 */
export async function findHospitalsNear(em: EntityManager, search: NearSearch): Promise<HospitalAtDistance[]> {
  const point = 'st_setsrid(st_makepoint(?, ?), 4326)::geography';
  const xy = [search.longitude, search.latitude];
  // Literal predicates (not parameters) so the planner can match the partial indexes.
  const filters = [search.includeClosed ? '' : `and h.status_code = '01'`, search.open24HoursOnly ? 'and h.open_24_hours' : ''].join(' ');
  const rows = await em.getConnection().execute<(Record<string, unknown> & { distance_meters: number })[]>(
    `select * from (
       select ${hospitalColumns}, st_distance(h.location, ${point}) as distance_meters
       from hospital h
       where h.location is not null ${filters}
       order by h.location <-> ${point}
       limit ?
     ) nearest
     where distance_meters <= ?
     order by distance_meters, id`,
    [...xy, ...xy, search.first, search.radiusMeters],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((row) => ({ hospital: em.map(Hospital, row), distanceMeters: row.distance_meters }));
}

/** One Neighborhood.hospitals request: a boundary checked by `boundaryProblem`, and the field's arguments. */
export interface AreaSearch {
  boundary: string;
  open24HoursOnly: boolean;
  includeClosed: boolean;
  first: number;
}

/**
 * Hospitals inside each of many boundaries, in ONE query: the boundaries travel as arrays, are parsed once
 * each (the CTE), and a lateral subquery per boundary uses the geometry GIST index through ST_Contains.
 * Inside a boundary: 24-hour ones first, then by name. Returns one list per search, in order.
 */
export async function findHospitalsInAreas(em: EntityManager, searches: readonly AreaSearch[]): Promise<Hospital[][]> {
  if (searches.length === 0) return [];
  const rows = await em.getConnection().execute<(Record<string, unknown> & { area_index: number })[]>(
    `with area as materialized (
       select n.area_index::int, st_force2d(st_geomfromgeojson(n.geojson)) as shape, n.open_24_hours_only, n.include_closed, n.first
       from unnest(array[?]::text[], array[?]::boolean[], array[?]::boolean[], array[?]::int[])
         with ordinality as n(geojson, open_24_hours_only, include_closed, first, area_index)
     )
     select area.area_index, found.*
     from area
     cross join lateral (
       select ${hospitalColumns}
       from hospital h
       where st_contains(area.shape, h.location::geometry)
         and (h.open_24_hours or not area.open_24_hours_only)
         and (h.status_code = '01' or area.include_closed)
       order by h.open_24_hours desc, h.name, h.id
       limit area.first
     ) found
     order by area.area_index`,
    [searches.map((s) => s.boundary), searches.map((s) => s.open24HoursOnly), searches.map((s) => s.includeClosed), searches.map((s) => s.first)],
    'all',
    em.getTransactionContext(),
  );
  const lists = searches.map((): Hospital[] => []);
  for (const row of rows) lists[row.area_index - 1]!.push(em.map(Hospital, row));
  return lists;
}
