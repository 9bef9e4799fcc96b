import { defineEntity, p } from '@mikro-orm/postgresql';

const NeighborhoodSchema = defineEntity({
  name: 'Neighborhood',
  tableName: 'neighborhood',
  // Rows are written only by the importer, in raw SQL (MikroORM has no PostGIS type), so the entity is read-only:
  // a stray flush must never try to insert a row without its geometry.
  readonly: true,
  properties: {
    /** adm_cd2, the 10-digit 행정동 code (e.g. "1168064000"). */
    code: p.string().columnType('char(10)').primary(),
    /** The older 7-digit statistics code (adm_cd), kept for joins with census tables; absent in some releases. */
    admCd: p.string().length(10).nullable(),
    name: p.text(),
    district: p.text(),
    city: p.text(),
    fullName: p.text(),
    /** ST_PointOnSurface of the boundary: unlike a centroid it always falls inside, even for crescent-shaped 동. */
    centerLatitude: p.float().columnType('double precision'),
    centerLongitude: p.float().columnType('double precision'),
    updatedAt: p.datetime(),
    /**
     * The boundary, geometry(MultiPolygon, 4326). Mapped only as a lazy, opaque reference so that loads list their
     * columns and leave it out (without a mapping MikroORM selects `*`, dragging every polygon along). Spatial
     * predicates and GeoJSON output are parameterised SQL in neighborhood.repository.ts, never this property.
     */
    geom: p.string().columnType('geometry(MultiPolygon, 4326)').lazy().ref(),
  },
});

/** A 행정동 (administrative neighbourhood), as loaded from the boundary file. */
export class Neighborhood extends NeighborhoodSchema.class {}
NeighborhoodSchema.setClass(Neighborhood);
