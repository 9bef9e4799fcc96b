import { readFile } from 'node:fs/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBoundaryFeatures, type SkippedFeature } from './neighborhood.feature.ts';

/** What one import did. `unchanged` rows were already identical, so re-running a seed writes (and streams to CDC) nothing. */
export interface BoundaryImportReport {
  features: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Geometries PostGIS found invalid (e.g. self-intersecting) and stored after ST_MakeValid. */
  repaired: number;
  skipped: SkippedFeature[];
}

// Big enough to keep round trips few, small enough that one statement's JSON stays a few hundred kB.
const BATCH_SIZE = 100;

// Features travel as one jsonb array per statement and are unpacked server-side, so PostGIS parses the GeoJSON
// itself. Invalid polygons are repaired rather than rejected: a bow-tie ring in one release should not keep a
// 행정동 out of lookups. The WHERE on the update leaves identical rows untouched (no new updated_at, no CDC event).
const UPSERT = `
with input as (
  select f->>'code' as code, f->>'admCd' as adm_cd, f->>'name' as name, f->>'district' as district,
         f->>'city' as city, f->>'fullName' as full_name,
         ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326) as raw_geom
  from jsonb_array_elements(?::jsonb) as f
), shaped as (
  select *, not ST_IsValid(raw_geom) as repaired,
         ST_Multi(case when ST_IsValid(raw_geom) then raw_geom else ST_CollectionExtract(ST_MakeValid(raw_geom), 3) end) as geom
  from input
), upserted as (
  insert into neighborhood as n (code, adm_cd, name, district, city, full_name, geom, center_latitude, center_longitude, updated_at)
  select code, adm_cd, name, district, city, full_name, geom,
         ST_Y(ST_PointOnSurface(geom)), ST_X(ST_PointOnSurface(geom)), now()
  from shaped
  on conflict (code) do update set
    adm_cd = excluded.adm_cd, name = excluded.name, district = excluded.district, city = excluded.city,
    full_name = excluded.full_name, geom = excluded.geom,
    center_latitude = excluded.center_latitude, center_longitude = excluded.center_longitude, updated_at = excluded.updated_at
  where (n.adm_cd, n.name, n.district, n.city, n.full_name, n.geom)
        is distinct from (excluded.adm_cd, excluded.name, excluded.district, excluded.city, excluded.full_name, excluded.geom)
  returning (xmax = 0) as inserted
)
select (select count(*) from upserted where inserted)::int as inserted,
       (select count(*) from upserted where not inserted)::int as updated,
       (select count(*) from shaped where repaired)::int as repaired`;

/**
 * Upserts 행정동 boundaries by code in ONE transaction: either the whole file lands or none of it, so lookups
 * never see half of a new release. Rows missing from the file are kept, since verifications may still point at them.
 */
export async function importBoundaries(em: EntityManager, collection: unknown): Promise<BoundaryImportReport> {
  const { rows, skipped } = readBoundaryFeatures(collection);
  const report: BoundaryImportReport = { features: rows.length + skipped.length, inserted: 0, updated: 0, unchanged: 0, repaired: 0, skipped };
  await em.transactional(async (tx) => {
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      const batch = rows.slice(start, start + BATCH_SIZE);
      const [counts] = await tx.execute<{ inserted: number; updated: number; repaired: number }[]>(UPSERT, [JSON.stringify(batch)]);
      report.inserted += counts?.inserted ?? 0;
      report.updated += counts?.updated ?? 0;
      report.repaired += counts?.repaired ?? 0;
    }
  });
  report.unchanged = rows.length - report.inserted - report.updated;
  return report;
}

/** Reads a GeoJSON file (UTF-8, with or without BOM) and imports it; see `importBoundaries`. */
export async function importBoundaryFile(em: EntityManager, path: string): Promise<BoundaryImportReport> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  let collection: unknown;
  try {
    collection = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return importBoundaries(em, collection);
}

