import { defineEntity, p } from '@mikro-orm/postgresql';
import { hospitalStatuses } from './hospital-status.ts';

// `location` (geography) is deliberately not a property: MikroORM has no PostGIS type, and a mapped column
// would be rewritten as text on every flush. Spatial SQL goes through `em.getConnection().execute` with
// parameters; the ORM only reads the point back through these two read-only formulas.
const HospitalSchema = defineEntity({
  name: 'Hospital',
  tableName: 'hospital',
  properties: {
    /** 관리번호. */
    id: p.string().primary(),
    name: p.string(),
    status: p.enum([...hospitalStatuses]),
    statusCode: p.string(),
    detailStatus: p.string().nullable(),
    /** Guessed from the name: see open-24-hours.ts. */
    open24Hours: p.boolean().fieldName('open_24_hours'),
    phone: p.string().nullable(),
    address: p.string().nullable(),
    roadAddress: p.string().nullable(),
    postalCode: p.string().nullable(),
    latitude: p.float().nullable().formula((cols) => `st_y(${cols}.location::geometry)`),
    longitude: p.float().nullable().formula((cols) => `st_x(${cols}.location::geometry)`),
    /** YYYY-MM-DD. */
    licensedAt: p.date().nullable(),
    /** YYYY-MM-DD. */
    closedAt: p.date().nullable(),
    sourceUpdatedAt: p.datetime().nullable(),
    importedAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** One animal hospital licence; rows are written only by the importer, in bulk SQL. */
export class Hospital extends HospitalSchema.class {}
HospitalSchema.setClass(Hospital);
