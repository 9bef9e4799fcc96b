import type { EntityManager } from '@mikro-orm/postgresql';

/** A device a push can go to. */
export interface PushTarget {
  userId: string;
  token: string;
  platform: 'ANDROID' | 'IOS';
}

/**
 * Everyone whose 동네인증 in `neighborhoodCode` is active at `at`, with their devices, from this
 * service's own copies: targeting a neighbourhood needs no call to users or neighborhoods.
 */
export async function pushTargetsInNeighborhood(em: EntityManager, neighborhoodCode: string, at = new Date()): Promise<PushTarget[]> {
  const rows = await em.execute<{ user_id: string; token: string; platform: PushTarget['platform'] }[]>(
    `select v.user_id, d.token, d.platform
       from verification_copy v join device_copy d on d.user_id = v.user_id
      where v.neighborhood_code = ? and v.expires_at > ?
      order by v.user_id, d.token`,
    [neighborhoodCode, at],
  );
  return rows.map((r) => ({ userId: r.user_id, token: r.token, platform: r.platform }));
}
