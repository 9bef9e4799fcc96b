import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entityLoader } from '@petcare/service-kit';
import { Hospital } from './modules/hospital/hospital.entity.ts';
import type { HospitalRecord } from './modules/hospital/hospital-record.ts';
import { findHospitalsInAreas, type AreaSearch } from './modules/hospital/hospital.repository.ts';

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface HospitalsLoaders {
  hospitalById: DataLoader<string, Hospital | null>;
  /** Every Neighborhood.hospitals of a request, whatever the neighbourhoods and arguments, in one query. */
  hospitalsInNeighborhood: DataLoader<AreaSearch, HospitalRecord[], string>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): HospitalsLoaders {
  return {
    // 관리번호 is free text, but PostgreSQL text cannot hold a NUL: such a key is simply not found.
    hospitalById: entityLoader(em, Hospital, { accept: (id) => !id.includes('\0') }),
    hospitalsInNeighborhood: new DataLoader<AreaSearch, HospitalRecord[], string>((keys) => findHospitalsInAreas(em, keys), {
      cacheKeyFn: (k) => JSON.stringify([k.code, k.open24HoursOnly, k.includeClosed, k.first]),
    }),
  };
}
