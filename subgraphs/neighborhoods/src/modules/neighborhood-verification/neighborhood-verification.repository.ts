import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import { neighborhoodColumns, neighborhoodRecord, type NeighborhoodRecord } from '../neighborhood/neighborhood-record.ts';
import { NeighborhoodVerification } from './neighborhood-verification.entity.ts';
import { verificationColumns, verificationRecord, type NeighborhoodVerificationRecord } from './neighborhood-verification-record.ts';

/** What a user asks for when proving a 동네 by GPS; already checked. */
export interface VerificationRequest {
  userId: string;
  neighborhoodCode: string;
  days: number;
  accuracyMeters: number | null;
  /** Make this the user's primary 동네 (the first one always is). */
  makePrimary: boolean;
}

/** Why a verification was not recorded; the resolver turns each into the error the app shows. */
export type VerificationRefusal = { refused: 'erased' } | { refused: 'full'; held: NeighborhoodVerification[] };

/** How many 동네 a user may hold at once, as the leading Korean neighbourhood app allows. */
export const MAX_NEIGHBORHOODS = 2;

const COLUMNS = 'user_id, neighborhood_code, verified_at, expires_at, accuracy_meters, is_primary';

// One user's 동네 are changed one call at a time: the lock is taken before reading them, so two concurrent
// verifications of different 행정동 cannot both see one 동네 and add a second and a third.
async function lockUser(tx: EntityManager, userId: string): Promise<NeighborhoodVerification[]> {
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?::text, 0))', [userId]);
  const rows = await tx.execute(`select ${COLUMNS} from neighborhood_verification where user_id = ? order by is_primary desc, verified_at`, [userId]);
  return rows.map((row) => tx.map(NeighborhoodVerification, row));
}

/**
 * Creates or renews a user's 동네인증 in a 행정동, for `days` days from now (the database clock stamps both
 * instants, so they never disagree). Renewing a 동네 the user holds moves its expiry; a new one is added while the
 * user holds fewer than {@link MAX_NEIGHBORHOODS}, else refused listing the ones held. Nothing is written for an
 * account this service has erased.
 */
export async function recordVerification(em: EntityManager, request: VerificationRequest): Promise<NeighborhoodVerification | VerificationRefusal> {
  return em.transactional(async (tx) => {
    const held = await lockUser(tx, request.userId);
    if ((await tx.execute('select 1 from erased_user where user_id = ?', [request.userId])).length > 0) return { refused: 'erased' as const };
    const renewing = held.some((v) => v.neighborhood.code === request.neighborhoodCode);
    if (!renewing && held.length >= MAX_NEIGHBORHOODS) return { refused: 'full' as const, held };
    const primary = request.makePrimary || held.length === 0 || held.some((v) => v.neighborhood.code === request.neighborhoodCode && v.isPrimary);
    // Demote first: the partial unique index allows one primary per user at any moment.
    if (primary) await tx.execute('update neighborhood_verification set is_primary = false where user_id = ? and neighborhood_code <> ? and is_primary', [request.userId, request.neighborhoodCode]);
    const [row] = await tx.execute(
      `insert into neighborhood_verification (${COLUMNS})
       values (?, ?, now(), now() + make_interval(days => ?), ?, ?)
       on conflict (user_id, neighborhood_code) do update set
         verified_at = excluded.verified_at, expires_at = excluded.expires_at,
         accuracy_meters = excluded.accuracy_meters, is_primary = excluded.is_primary
       returning ${COLUMNS}`,
      [request.userId, request.neighborhoodCode, request.days, request.accuracyMeters, primary],
    );
    return tx.map(NeighborhoodVerification, row!);
  });
}

/**
 * Gives up one of a user's 동네; when it was the primary one, the other becomes primary. Returns what the user
 * holds afterwards, or null when they did not hold that 동네 (nothing changed).
 */
export async function removeVerification(em: EntityManager, userId: string, neighborhoodCode: string): Promise<NeighborhoodVerification[] | null> {
  return em.transactional(async (tx) => {
    const held = await lockUser(tx, userId);
    const removed = held.find((v) => v.neighborhood.code === neighborhoodCode);
    if (!removed) return null;
    await tx.execute('delete from neighborhood_verification where user_id = ? and neighborhood_code = ?', [userId, neighborhoodCode]);
    const rest = held.filter((v) => v !== removed);
    if (removed.isPrimary && rest[0]) {
      await tx.execute('update neighborhood_verification set is_primary = true where user_id = ? and neighborhood_code = ?', [userId, rest[0].neighborhood.code]);
      rest[0].isPrimary = true;
    }
    return rest;
  });
}

/** Makes one of a user's 동네 their primary one; null when they do not hold it. */
export async function makePrimary(em: EntityManager, userId: string, neighborhoodCode: string): Promise<NeighborhoodVerification | null> {
  return em.transactional(async (tx) => {
    const held = await lockUser(tx, userId);
    const chosen = held.find((v) => v.neighborhood.code === neighborhoodCode);
    if (!chosen) return null;
    if (!chosen.isPrimary) {
      await tx.execute('update neighborhood_verification set is_primary = false where user_id = ? and is_primary', [userId]);
      await tx.execute('update neighborhood_verification set is_primary = true where user_id = ? and neighborhood_code = ?', [userId, neighborhoodCode]);
      chosen.isPrimary = true;
    }
    return chosen;
  });
}

/** Every user's 동네 in one query, primary first; with the 행정동 joined so their fields cost no second round trip. */
export async function findVerificationsOfUsers(em: EntityManager, userIds: readonly string[]): Promise<(NeighborhoodVerificationRecord & { neighborhood: NeighborhoodRecord })[]> {
  if (userIds.length === 0) return [];
  const rows = await executeBound(
    em,
    `select ${verificationColumns}, ${neighborhoodColumns}
     from neighborhood_verification v join neighborhood n on n.code = v.neighborhood_code
     where v.user_id = any($1::uuid[])
     order by v.is_primary desc, v.verified_at`,
    [userIds],
    { prepared: true },
  );
  const platform = em.getPlatform();
  return rows.map((row) => verificationRecord(row, neighborhoodRecord(row, platform), platform));
}

/** How many users hold an active 동네인증 in each 행정동 right now. */
export async function countVerifiedUsers(em: EntityManager, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await em.execute<{ code: string; n: number }[]>(
    `select neighborhood_code as code, count(*)::int as n from neighborhood_verification
      where neighborhood_code in (?) and expires_at > now() group by neighborhood_code`,
    [[...codes]],
  );
  return new Map(rows.map((r) => [r.code, r.n]));
}

/**
 * Remembers that an account was erased, and erases its 동네인증, in the transaction that applies the account's
 * delete: from then on nothing is written for that user here, whatever an old token still asks.
 */
export async function eraseUser(em: EntityManager, userId: string): Promise<void> {
  await em.execute('delete from neighborhood_verification where user_id = ?', [userId]);
  await em.execute('insert into erased_user (user_id) values (?) on conflict do nothing', [userId]);
}
