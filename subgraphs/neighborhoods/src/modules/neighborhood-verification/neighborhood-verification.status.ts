import type { NeighborhoodVerification } from './neighborhood-verification.entity.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Where a 동네인증 stands, as the app shows it. */
export type VerificationStatus = 'ACTIVE' | 'EXPIRING_SOON' | 'EXPIRED';

/** A 동네인증 counts until its expiry instant; from then on the user must verify again. */
export function isVerificationActive(verification: Pick<NeighborhoodVerification, 'expiresAt'>, now: Date = new Date()): boolean {
  return verification.expiresAt.getTime() > now.getTime();
}

/** ACTIVE, EXPIRING_SOON within `reminderDays` of its expiry (when the reminder goes out), or EXPIRED. */
export function verificationStatus(verification: Pick<NeighborhoodVerification, 'expiresAt'>, reminderDays: number, now: Date = new Date()): VerificationStatus {
  if (!isVerificationActive(verification, now)) return 'EXPIRED';
  return verification.expiresAt.getTime() - now.getTime() <= reminderDays * DAY_MS ? 'EXPIRING_SOON' : 'ACTIVE';
}
