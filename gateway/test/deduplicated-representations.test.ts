import { describe, expect, it } from 'vitest';
import { deduplicateRepresentations, expandEntities } from '../src/subgraphs/deduplicated-representations.ts';

describe('deduplicateRepresentations', () => {
  it('sends each distinct representation once and puts the answer back in the original order', () => {
    const reps = [{ __typename: 'Product', upc: '1' }, { __typename: 'Product', upc: '2' }, { __typename: 'Product', upc: '1' }];
    const d = deduplicateRepresentations(reps)!;
    expect(d.unique).toEqual([{ __typename: 'Product', upc: '1' }, { __typename: 'Product', upc: '2' }]);
    const answer = expandEntities({ data: { _entities: [{ name: 'Table' }, { name: 'Couch' }] } }, d.positions);
    expect(answer.data?._entities).toEqual([{ name: 'Table' }, { name: 'Couch' }, { name: 'Table' }]);
  });

  it('repeats an error about a deduplicated entity for every position that asked for it', () => {
    const d = deduplicateRepresentations([{ id: 'a' }, { id: 'b' }, { id: 'a' }])!;
    const answer = expandEntities({ data: { _entities: [null, { id: 'b' }] }, errors: [{ message: 'gone', path: ['_entities', 0, 'name'] }] }, d.positions);
    expect(answer.errors).toEqual([
      { message: 'gone', path: ['_entities', 0, 'name'] },
      { message: 'gone', path: ['_entities', 2, 'name'] },
    ]);
  });

  it('leaves a fetch without duplicates as it is', () => {
    expect(deduplicateRepresentations([{ id: 'a' }, { id: 'b' }])).toBeNull();
  });
});
