import { entityLoader, isUuid } from '@petcare/service-kit';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Neighborhood } from './modules/neighborhood/neighborhood.entity.ts';
import type { NeighborhoodRecord } from './modules/neighborhood/neighborhood-record.ts';
import type { NeighborhoodVerificationRecord } from './modules/neighborhood-verification/neighborhood-verification-record.ts';
import { loadBoundaries } from './modules/neighborhood/neighborhood.repository.ts';
import { countVerifiedUsers, findVerificationsOfUsers } from './modules/neighborhood-verification/neighborhood-verification.repository.ts';
import { isNeighborhoodCode } from './modules/neighborhood/neighborhood.validation.ts';

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface NeighborhoodsLoaders {
  /** Loaded as entities; primed with the records of lookups, which carry the same fields. */
  neighborhoodByCode: DataLoader<string, NeighborhoodRecord | null>;
  /** GeoJSON strings, loaded apart from the entity because they are large and only some requests want them. */
  boundaryByCode: DataLoader<string, string | null>;
  /** A user's 동네 (at most two), primary first; empty when they hold none. */
  verificationsByUserId: DataLoader<string, NeighborhoodVerificationRecord[]>;
  /** How many users are verified in a 행정동 right now. */
  verifiedUserCountByCode: DataLoader<string, number>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): NeighborhoodsLoaders {
  const neighborhoodByCode: DataLoader<string, NeighborhoodRecord | null> = entityLoader(em, Neighborhood, { by: 'code', accept: isNeighborhoodCode });
  return {
    neighborhoodByCode,
    boundaryByCode: new DataLoader(async (codes) => {
      const byCode = await loadBoundaries(em, codes.filter(isNeighborhoodCode));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    verificationsByUserId: new DataLoader(async (userIds) => {
      const found = await findVerificationsOfUsers(em, userIds.filter(isUuid).map((id) => id.toLowerCase()));
      for (const v of found) neighborhoodByCode.prime(v.neighborhood.code, v.neighborhood);
      return userIds.map((id) => found.filter((v) => v.userId === id.toLowerCase()));
    }),
    verifiedUserCountByCode: new DataLoader(async (codes) => {
      const counts = await countVerifiedUsers(em, codes.filter(isNeighborhoodCode));
      return codes.map((code) => counts.get(code) ?? 0);
    }),
  };
}
