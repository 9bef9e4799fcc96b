import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import { hospitalRecord, type HospitalRecord } from './hospital-record.ts';

/** The columns of a Hospital entity, from table alias `h`, with the point unpacked the way the entity's formulas do. */
export const hospitalColumns = `h.id, h.name, h.status, h.status_code, h.detail_status, h.open_24_hours, h.open_24_hours_source,
  h.open_24_hours_note, h.open_24_hours_reviewed_at, h.phone, h.address, h.road_address, h.postal_code, h.city, h.district,
  h.neighborhood_code, st_y(h.location::geometry) as latitude, st_x(h.location::geometry) as longitude, h.licensed_at, h.closed_at,
  h.source_updated_at, h.listed, h.delisted_at, h.imported_at, h.updated_at`;

/** The default filter of every list: trading licences the register still lists. Literal, so partial indexes match. */
export const OPEN_AND_LISTED = `h.status_code = '01' and h.listed`;

/** What `findHospitalsNear` searches for; already validated. */
export interface NearSearch {
  latitude: number;
  longitude: number;
  radiusMeters: number;
  first: number;
  /** Continue after this position (the last item of the previous page). */
  after: { distanceMeters: number; id: string } | null;
  open24HoursOnly: boolean;
  includeClosed: boolean;
}

/** A hospital with its distance from the searched point (and, once the resolver has it, its cursor). */
export interface HospitalAtDistance {
  hospital: HospitalRecord;
  distanceMeters: number;
  cursor?: string;
}

// `<->` on geography measures on a sphere; ST_Distance (reported, and the order of pages) on the WGS84 ellipsoid.
// In Korea they differ by well under 1%; this bound turns one into a safe limit on the other.
const SPHERE_VS_ELLIPSOID = 0.01;

type Candidate = Record<string, unknown> & { distance_meters: number; sphere_meters: number };

/**
 * Hospitals within a radius, nearest first, then by id, one page at a time. Candidates come from the GIST index in
 * distance order (`<->`, KNN: it stops after `limit` rows whatever the radius, skipping what earlier pages showed),
 * are ranked by the exact ellipsoidal distance, and the page is cut only once no unseen candidate could still rank
 * inside it; otherwise the candidate window grows (rarely: it starts at twice the page). ST_DWithin is left out on
 * purpose: the planner misjudges its selectivity and then sorts every hospital in range instead.
 */
export async function findHospitalsNear(em: EntityManager, search: NearSearch): Promise<HospitalAtDistance[]> {
  const point = 'st_setsrid(st_makepoint($1, $2), 4326)::geography';
  // Literal predicates (not parameters) so the planner can match the partial indexes.
  const filters = [search.includeClosed ? '' : `and ${OPEN_AND_LISTED}`, search.open24HoursOnly ? 'and h.open_24_hours' : ''].join(' ');
  const after = search.after;
  const sphereFloor = after ? after.distanceMeters * (1 - SPHERE_VS_ELLIPSOID) : 0;
  const isAfter = (c: Candidate) => !after || c.distance_meters > after.distanceMeters || (c.distance_meters === after.distanceMeters && String(c['id']) > after.id);
  for (let limit = search.first * 2 + 10; ; limit *= 4) {
    const candidates = await executeBound<Candidate>(
      em,
      `select ${hospitalColumns}, st_distance(h.location, ${point}) as distance_meters, h.location <-> ${point} as sphere_meters
       from hospital h
       where h.location is not null ${filters} and h.location <-> ${point} >= $3
       order by h.location <-> ${point}
       limit $4`,
      [search.longitude, search.latitude, sphereFloor, limit],
      { prepared: true },
    );
    const ranked = candidates
      .filter((c) => c.distance_meters <= search.radiusMeters && isAfter(c))
      .sort((a, b) => a.distance_meters - b.distance_meters || (String(a['id']) < String(b['id']) ? -1 : 1))
      .slice(0, search.first);
    const exhausted = candidates.length < limit;
    const farthestSeen = candidates.at(-1)?.sphere_meters ?? 0;
    const bound = ranked.length === search.first ? ranked.at(-1)!.distance_meters : search.radiusMeters;
    // Every candidate not fetched is at least farthestSeen away on the sphere, so at least this far on the ellipsoid.
    if (exhausted || farthestSeen * (1 - SPHERE_VS_ELLIPSOID) > bound) {
      return ranked.map((row) => ({ hospital: hospitalRecord(row, em.getPlatform()), distanceMeters: row.distance_meters }));
    }
  }
}

/** One Neighborhood.hospitals request: the 행정동 and the field's arguments. */
export interface AreaSearch {
  code: string;
  open24HoursOnly: boolean;
  includeClosed: boolean;
  first: number;
}

/**
 * Hospitals of each of many 행정동, in ONE query: a lateral subquery per 행정동 reads its hospitals through the code
 * index and sorts those few. Returns one list per search, in order. The codes go in as `bpchar`, the column's type:
 * as `text` PostgreSQL compared `neighborhood_code::text` and read the whole index for every 행정동 (1,815 entries,
 * 4 ms, where the index condition reads the few it holds in 0.1 ms).
 */
export async function findHospitalsInAreas(em: EntityManager, searches: readonly AreaSearch[]): Promise<HospitalRecord[][]> {
  if (searches.length === 0) return [];
  const rows = await executeBound<Record<string, unknown> & { area_index: number }>(
    em,
    `select area.area_index, found.*
     from unnest($1::bpchar[], $2::boolean[], $3::boolean[], $4::int[])
       with ordinality as area(code, open_24_hours_only, include_closed, first, area_index)
     cross join lateral (
       select ${hospitalColumns}
       from hospital h
       where h.neighborhood_code = area.code
         and (h.open_24_hours or not area.open_24_hours_only)
         and ((${OPEN_AND_LISTED}) or area.include_closed)
       order by h.open_24_hours desc, h.name, h.id
       limit area.first
     ) found
     order by area.area_index`,
    [searches.map((s) => s.code), searches.map((s) => s.open24HoursOnly), searches.map((s) => s.includeClosed), searches.map((s) => s.first)],
    { prepared: true },
  );
  const lists = searches.map((): HospitalRecord[] => []);
  const platform = em.getPlatform();
  for (const row of rows) lists[Number(row.area_index) - 1]!.push(hospitalRecord(row, platform));
  return lists;
}
