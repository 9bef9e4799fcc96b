/** What an alert can be about; the migration's check constraint and the GraphQL enum list the same values. */
export const alertKinds = [
  'VERIFICATION_EXPIRING',
  'VERIFICATION_EXPIRED',
  'NEIGHBORHOOD_NOTICE',
  'HOSPITAL_UPDATE',
  'SYSTEM',
] as const;

/** One of {@link alertKinds}. */
export type AlertKind = (typeof alertKinds)[number];
