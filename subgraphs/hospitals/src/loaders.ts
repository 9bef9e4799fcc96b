import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Hospital } from './modules/hospital/hospital.entity.ts';
import { findHospitalsInAreas, type AreaSearch } from './modules/hospital/hospital.repository.ts';

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface HospitalsLoaders {
  hospitalById: DataLoader<string, Hospital | null>;
  /** Every Neighborhood.hospitals of a request, whatever the neighbourhoods and arguments, in one query. */
  hospitalsInNeighborhood: DataLoader<AreaSearch, Hospital[], string>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): HospitalsLoaders {
  return {
    hospitalById: new DataLoader(async (ids) => {
      // No licence number holds a NUL, and PostgreSQL text cannot: such an id is simply not found.
      const hospitals = await em.find(Hospital, { id: { $in: ids.filter((id) => !id.includes('\u0000')) } });
      const byId = new Map(hospitals.map((h) => [h.id, h]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    hospitalsInNeighborhood: new DataLoader<AreaSearch, Hospital[], string>((keys) => findHospitalsInAreas(em, keys), {
      cacheKeyFn: (k) => JSON.stringify([k.code, k.open24HoursOnly, k.includeClosed, k.first]),
    }),
  };
}
