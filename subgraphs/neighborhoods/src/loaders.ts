import { entityLoader, isUuid } from '@petcare/service-kit';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Neighborhood } from './modules/neighborhood/neighborhood.entity.ts';
import { NeighborhoodVerification } from './modules/neighborhood-verification/neighborhood-verification.entity.ts';
import { loadBoundaries } from './modules/neighborhood/neighborhood.repository.ts';
import { isNeighborhoodCode } from './modules/neighborhood/neighborhood.validation.ts';

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface NeighborhoodsLoaders {
  neighborhoodByCode: DataLoader<string, Neighborhood | null>;
  /** GeoJSON strings, loaded apart from the entity because they are large and only some requests want them. */
  boundaryByCode: DataLoader<string, string | null>;
  verificationByUserId: DataLoader<string, NeighborhoodVerification | null>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): NeighborhoodsLoaders {
  const neighborhoodByCode = entityLoader(em, Neighborhood, { by: 'code', accept: isNeighborhoodCode });
  return {
    neighborhoodByCode,
    boundaryByCode: new DataLoader(async (codes) => {
      const byCode = await loadBoundaries(em, codes.filter(isNeighborhoodCode));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    verificationByUserId: new DataLoader(async (userIds) => {
      const wellFormed = userIds.filter(isUuid);
      // The neighborhood is joined into the same query, so User.neighborhood costs no second round trip.
      const found = wellFormed.length > 0
        ? await em.find(NeighborhoodVerification, { userId: { $in: wellFormed } }, { populate: ['neighborhood'] })
        : [];
      for (const v of found) neighborhoodByCode.prime(v.neighborhood.code, v.neighborhood);
      const byUser = new Map(found.map((v) => [v.userId, v]));
      return userIds.map((id) => byUser.get(id.toLowerCase()) ?? null);
    }),
  };
}
