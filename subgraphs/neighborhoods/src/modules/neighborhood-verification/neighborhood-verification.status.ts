import type { NeighborhoodVerification } from './neighborhood-verification.entity.ts';

/** A 동네인증 counts until its expiry instant; from then on the user must verify again. */
export function isVerificationActive(verification: Pick<NeighborhoodVerification, 'expiresAt'>, now: Date = new Date()): boolean {
  return verification.expiresAt.getTime() > now.getTime();
}
