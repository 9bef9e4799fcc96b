import type { Platform } from '@mikro-orm/postgresql';
import type { NeighborhoodRecord } from '../neighborhood/neighborhood-record.ts';
import type { NeighborhoodVerification } from './neighborhood-verification.entity.ts';

/**
 * A 동네인증 as the API reads it: its fields as plain data and the 행정동 it points at (only its code is needed; the
 * reads fill in the whole record). A loaded entity is one too, so mutations keep returning entities. The per-user read
 * behind every home screen builds these from one joined query instead of hydrating entities, for the reason given on
 * NeighborhoodRecord.
 */
export type NeighborhoodVerificationRecord = Pick<NeighborhoodVerification, 'userId' | 'verifiedAt' | 'expiresAt' | 'accuracyMeters' | 'isPrimary'> & {
  neighborhood: Pick<NeighborhoodRecord, 'code'>;
};

/** The verification's own columns, table alias `v`, beside the neighborhood's (see neighborhoodColumns). */
export const verificationColumns = 'v.user_id, v.verified_at, v.expires_at, v.accuracy_meters, v.is_primary';

/** A row selected with `verificationColumns` as a record pointing at `neighborhood`. */
export function verificationRecord(row: Record<string, unknown>, neighborhood: NeighborhoodRecord, platform: Platform): NeighborhoodVerificationRecord & { neighborhood: NeighborhoodRecord } {
  return {
    userId: String(row['user_id']),
    neighborhood,
    verifiedAt: platform.parseDate(row['verified_at'] as string) as Date,
    expiresAt: platform.parseDate(row['expires_at'] as string) as Date,
    accuracyMeters: row['accuracy_meters'] == null ? null : Number(row['accuracy_meters']),
    isPrimary: row['is_primary'] === true,
  };
}
