import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, entityLoader } from '@petcare/service-kit';
import { Hospital } from './modules/hospital/hospital.entity.ts';
import { findHospitalsInAreas } from './modules/hospital/hospital.repository.ts';
import { boundaryProblem } from './modules/neighborhood/neighborhood-boundary.ts';

/** One Neighborhood.hospitals field to answer: the neighbourhood, its boundary and the field's arguments. */
export interface NeighborhoodHospitalsKey {
  code: string;
  boundary: string | undefined;
  open24HoursOnly: boolean;
  includeClosed: boolean;
  first: number;
}

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface HospitalsLoaders {
  hospitalById: DataLoader<string, Hospital | null>;
  /** Every Neighborhood.hospitals of a request, whatever the neighbourhoods and arguments, in one query. */
  hospitalsInNeighborhood: DataLoader<NeighborhoodHospitalsKey, Hospital[], string>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): HospitalsLoaders {
  return {
    // 관리번호 is free text, but PostgreSQL text cannot hold a NUL: such a key is simply not found.
    hospitalById: entityLoader(em, Hospital, { accept: (id) => !id.includes('\0') }),
    hospitalsInNeighborhood: new DataLoader<NeighborhoodHospitalsKey, Hospital[], string>(
      async (keys) => {
        // A bad boundary fails only its own field, not the whole batch's query.
        const problems = keys.map((k) =>
          k.boundary === undefined ? 'was not supplied (the field @requires it)' : boundaryProblem(k.boundary),
        );
        const usable = keys.filter((_, i) => problems[i] === null);
        const found = await findHospitalsInAreas(em, usable.map((k) => ({ ...k, boundary: k.boundary! })));
        let next = 0;
        return keys.map((k, i) => {
          const problem = problems[i];
          return problem ? badUserInput('boundary', `of neighbourhood ${k.code} ${problem}`) : found[next++]!;
        });
      },
      { cacheKeyFn: (k) => JSON.stringify([k.code, k.open24HoursOnly, k.includeClosed, k.first]) },
    ),
  };
}
