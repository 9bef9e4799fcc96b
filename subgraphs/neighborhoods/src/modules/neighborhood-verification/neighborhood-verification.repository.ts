import type { EntityManager } from '@mikro-orm/postgresql';
import { NeighborhoodVerification } from './neighborhood-verification.entity.ts';

// One statement, so the primary key on user_id settles concurrent verifications of one user (last one wins)
// instead of a read-then-write race. em.upsert is not used because it skips the database when the row is already
// in this request's identity map, and the database clock stamps both instants so they never disagree.
const RECORD = `
insert into neighborhood_verification (user_id, neighborhood_code, verified_at, expires_at)
values (?, ?, now(), now() + make_interval(days => ?))
on conflict (user_id) do update set
  neighborhood_code = excluded.neighborhood_code, verified_at = excluded.verified_at, expires_at = excluded.expires_at
returning user_id, neighborhood_code, verified_at, expires_at`;

/** Creates or renews a user's 동네인증 in a 행정동 for `days` days from now, replacing any earlier one. */
export async function recordVerification(em: EntityManager, userId: string, neighborhoodCode: string, days: number): Promise<NeighborhoodVerification> {
  const [row] = await em.execute(RECORD, [userId, neighborhoodCode, days]);
  if (!row) throw new Error('upsert of neighborhood_verification returned no row');
  return em.map(NeighborhoodVerification, row);
}
