import type { EntityManager } from '@mikro-orm/postgresql';
import { MERGE_SEARCH_INDEX_LIST, REGISTER_WRITE_LOCK } from '../hospital/register-merge.ts';

// Hospitals tagged with the 행정동 that no longer contain them (its boundary moved or went): the one that now does, or none.
const untagSql = `update hospital h set neighborhood_code = (
    select n.code from neighborhood_copy n where st_contains(n.geom, h.location::geometry) order by n.code limit 1)
  where h.neighborhood_code = ?
    and not exists (select 1 from neighborhood_copy n where n.code = ? and st_contains(n.geom, h.location::geometry))`;

// Hospitals inside the 행정동's boundary not yet tagged with a 행정동 that contains them. The geography index finds
// the candidates by bounding box; the boundary is converted once.
const tagSql = `update hospital h set neighborhood_code = n.code
  from neighborhood_copy n
  where n.code = ? and h.location && n.geom::geography and st_contains(n.geom, h.location::geometry)
    and h.neighborhood_code is distinct from n.code
    and (h.neighborhood_code is null or not exists (
      select 1 from neighborhood_copy o where o.code = h.neighborhood_code and st_contains(o.geom, h.location::geometry)))`;

/**
 * Brings hospitals' 행정동 codes in line with one 행정동's boundary as the copy now holds it (or no longer holds it).
 * Runs in the caller's transaction, after the import's lock, so an import and a boundary change never interleave.
 */
export async function retagHospitals(em: EntityManager, code: string): Promise<void> {
  await em.execute(REGISTER_WRITE_LOCK);
  const untagged = await em.execute<{ affectedRows: number }>(untagSql, [code, code], 'run');
  const tagged = await em.execute<{ affectedRows: number }>(tagSql, [code], 'run');
  if (untagged.affectedRows + tagged.affectedRows > 0) await em.execute(MERGE_SEARCH_INDEX_LIST);
}
