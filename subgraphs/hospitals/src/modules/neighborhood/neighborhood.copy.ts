import { z } from 'zod';
import { defineCopy, type AnyChangeHandler } from '@petcare/cdc-consumer';
import { retagHospitals } from './hospital-tagging.ts';

/**
 * `neighborhood_copy`: the neighborhoods service's 행정동 (code, name, 구, boundary), its only writer. Debezium sends a
 * PostGIS geometry as `{wkb, srid}` with the WKB in base64 (EWKB, carrying its SRID), turned back into a geometry by
 * SQL on the way in. Whenever a boundary arrives, changes or goes, the hospitals it covers are re-tagged in the
 * same transaction: the reaction to the copy, not a second writer of it.
 */
export function neighborhoodCopy(topic: string): AnyChangeHandler {
  const copy = defineCopy({
    topic,
    table: 'neighborhood_copy',
    key: ['code'],
    columns: {
      code: z.string().regex(/^\d{10}$/),
      name: z.string().min(1),
      district: z.string().min(1),
      geom: {
        check: z.object({ wkb: z.base64().min(1), srid: z.number().int().nullish() }),
        value: (geometry: { wkb: string }) => geometry.wkb,
        sql: `st_multi(st_setsrid(st_geomfromewkb(decode(?, 'base64')), 4326))`,
      },
    },
  });
  return {
    ...copy,
    async upsert(em, row, change) {
      await copy.upsert(em, row, change);
      await retagHospitals(em, row.code);
    },
    async remove(em, key) {
      await copy.remove(em, key);
      await retagHospitals(em, key.code);
    },
    // A chunk's net effect per 행정동 (see ChangeHandler.applyNet), then the same re-tagging for each code it touched.
    async applyNet(em, removes, upserts) {
      await copy.applyNet!(em, removes, upserts);
      for (const code of new Set([...removes.map((k) => String(k['code'])), ...upserts.map((u) => String(u.row['code']))])) await retagHospitals(em, code);
    },
  };
}
