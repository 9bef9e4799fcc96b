import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { Neighborhood } from '../neighborhood/neighborhood.entity.ts';
import { recordVerification } from './neighborhood-verification.repository.ts';

/**
 * Gives the demo account a fresh 동네인증 in its 행정동, so the app's home screen is populated on first run.
 * Returns false, writing nothing, when the boundaries loaded do not include that 행정동 (or the demo account
 * already holds two other 동네).
 */
export async function seedDemoVerification(em: EntityManager, days: number): Promise<boolean> {
  const exists = await em.count(Neighborhood, { code: DEMO_ACCOUNT.neighborhoodCode });
  if (exists === 0) return false;
  const result = await recordVerification(em, {
    userId: DEMO_ACCOUNT.userId,
    neighborhoodCode: DEMO_ACCOUNT.neighborhoodCode,
    days,
    accuracyMeters: null,
    makePrimary: true,
  });
  return !('refused' in result);
}
