/** Representations of an `_entities` fetch with the duplicates left out, and where each original one went. */
export interface DeduplicatedRepresentations {
  unique: unknown[];
  /** For each original representation, its index in `unique`. */
  positions: number[];
}

/**
 * Leaves out identical entity representations of one fetch: the query planner collects one per path, so the
 * federation benchmark's nested query asks the reviews subgraph for the same few products hundreds of times
 * (~1,190 representations per operation for ~50 distinct). Null when there is nothing to leave out.
 */
export function deduplicateRepresentations(representations: unknown[]): DeduplicatedRepresentations | null {
  const index = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((r) => {
    const key = JSON.stringify(r);
    let at = index.get(key);
    if (at === undefined) {
      at = unique.length;
      index.set(key, at);
      unique.push(r);
    }
    return at;
  });
  return unique.length < representations.length ? { unique, positions } : null;
}

interface EntitiesResponse {
  data?: { _entities?: unknown[] } | null;
  errors?: readonly { path?: readonly (string | number)[] }[];
}

/**
 * Puts an answer to the deduplicated fetch back in the shape of the original one: `_entities[i]` for every
 * original position, and each error about `_entities[u]` repeated for every position that asked for `u`.
 */
export function expandEntities<T extends EntitiesResponse>(response: T, positions: number[]): T {
  const entities = response.data?._entities;
  const data = entities ? { ...response.data, _entities: positions.map((u) => entities[u] ?? null) } : response.data;
  const errors = response.errors?.flatMap((error) => {
    const path = error.path;
    const at = path?.[1];
    if (!path || path[0] !== '_entities' || typeof at !== 'number') return [error];
    return positions.flatMap((u, i) => (u === at ? [{ ...error, path: ['_entities', i, ...path.slice(2)] }] : []));
  });
  return { ...response, data, ...(errors && { errors }) };
}
