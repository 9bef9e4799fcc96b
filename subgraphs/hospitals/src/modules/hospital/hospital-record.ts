import type { Platform } from '@mikro-orm/postgresql';
import type { Hospital } from './hospital.entity.ts';

type HospitalField =
  | 'id' | 'name' | 'status' | 'statusCode' | 'detailStatus' | 'open24Hours' | 'open24HoursSource' | 'open24HoursNote'
  | 'open24HoursReviewedAt' | 'phone' | 'address' | 'roadAddress' | 'postalCode' | 'city' | 'district' | 'neighborhoodCode'
  | 'latitude' | 'longitude' | 'licensedAt' | 'closedAt' | 'sourceUpdatedAt' | 'listed' | 'delistedAt' | 'importedAt' | 'updatedAt';

/**
 * A hospital as the API reads it: the entity's fields as plain data, which a loaded entity also is. The list
 * queries (near a point, search, per 행정동) build these straight from their rows instead of hydrating entities:
 * MikroORM defines an accessor pair per property on every instance it creates and keeps the instances in the
 * request's identity map, and measured in the hospitals benchmark that kept each request's results alive into the
 * next scavenge (5 % of the young heap surviving, 4 ms pauses on one request in 60; 0.4 % and 1.3 ms without).
 * Nothing here is ever written back; writes load entities.
 */
export type HospitalRecord = Pick<Hospital, HospitalField>;

const text = (value: unknown): string | null => (value == null ? null : String(value));

/**
 * A row selected with `hospitalColumns` as a HospitalRecord. MikroORM's pool hands timestamps over as PostgreSQL's
 * text; its platform parses them as its hydration would.
 */
export function hospitalRecord(row: Record<string, unknown>, platform: Platform): HospitalRecord {
  const timestamp = (value: unknown): Date | null => (value == null ? null : (platform.parseDate(value as string) as Date));
  return {
    id: String(row['id']),
    name: String(row['name']),
    status: row['status'] as Hospital['status'],
    statusCode: String(row['status_code']),
    detailStatus: text(row['detail_status']),
    open24Hours: row['open_24_hours'] === true,
    open24HoursSource: row['open_24_hours_source'] as Hospital['open24HoursSource'],
    open24HoursNote: text(row['open_24_hours_note']),
    open24HoursReviewedAt: timestamp(row['open_24_hours_reviewed_at']),
    phone: text(row['phone']),
    address: text(row['address']),
    roadAddress: text(row['road_address']),
    postalCode: text(row['postal_code']),
    city: text(row['city']),
    district: text(row['district']),
    neighborhoodCode: text(row['neighborhood_code']),
    latitude: row['latitude'] == null ? null : Number(row['latitude']),
    longitude: row['longitude'] == null ? null : Number(row['longitude']),
    licensedAt: text(row['licensed_at']),
    closedAt: text(row['closed_at']),
    sourceUpdatedAt: timestamp(row['source_updated_at']),
    listed: row['listed'] === true,
    delistedAt: timestamp(row['delisted_at']),
    importedAt: timestamp(row['imported_at'])!,
    updatedAt: timestamp(row['updated_at'])!,
  };
}
