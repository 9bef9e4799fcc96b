import { defineEntity, p } from '@mikro-orm/postgresql';
import { hospitalStatuses } from './hospital-status.ts';
import { open24HoursSources } from './open-24-hours.ts';

// `location` (geography) is deliberately not a property: MikroORM has no PostGIS type, and a mapped column
// would be rewritten as text on every flush. Spatial SQL is written in the repositories with bound parameters
// (`executeBound`); loading an entity reads the point back through these two read-only formulas.
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
    /** The name signal (open-24-hours.ts) unless an operator confirmed or corrected it. */
    open24Hours: p.boolean().fieldName('open_24_hours'),
    open24HoursSource: p.enum([...open24HoursSources]).fieldName('open_24_hours_source'),
    /** How an operator checked it; null unless open24HoursSource is OPERATOR. */
    open24HoursNote: p.string().nullable().fieldName('open_24_hours_note'),
    open24HoursReviewedAt: p.datetime().nullable().fieldName('open_24_hours_reviewed_at'),
    phone: p.string().nullable(),
    address: p.string().nullable(),
    roadAddress: p.string().nullable(),
    postalCode: p.string().nullable(),
    city: p.string().nullable(),
    district: p.string().nullable(),
    /** The 행정동 (from the copy of the neighborhoods service's boundaries) containing the point. */
    neighborhoodCode: p.string().nullable(),
    latitude: p.float().nullable().formula((cols) => `st_y(${cols}.location::geometry)`),
    longitude: p.float().nullable().formula((cols) => `st_x(${cols}.location::geometry)`),
    /** YYYY-MM-DD. */
    licensedAt: p.date().nullable(),
    /** YYYY-MM-DD. */
    closedAt: p.date().nullable(),
    sourceUpdatedAt: p.datetime().nullable(),
    /** Whether the newest full export lists the licence; delistedAt says since when it does not. */
    listed: p.boolean(),
    delistedAt: p.datetime().nullable(),
    importedAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** One animal hospital licence; rows are written by the importer in bulk SQL, and their 24-hour status by operators. */
export class Hospital extends HospitalSchema.class {}
HospitalSchema.setClass(Hospital);
