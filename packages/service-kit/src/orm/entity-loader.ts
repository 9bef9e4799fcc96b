import DataLoader from 'dataloader';
import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';

/** Which keys an entity loader looks up, and which it answers null for without asking the database. */
export interface EntityLoaderOptions {
  /** The property the keys are values of; the entity's primary key by default. */
  by?: string;
  /** Keys that cannot exist (a malformed id from another subgraph's representation) resolve to null, not a failed batch. */
  accept?: (key: string) => boolean;
}

/**
 * A request's loader of one entity by a unique property: every key asked for during the request is fetched
 * in ONE `in (…)` query, and each caller gets its own entity or null.
 */
export function entityLoader<T extends object>(em: EntityManager, entity: EntityClass<T>, options: EntityLoaderOptions = {}): DataLoader<string, T | null> {
  const by = options.by ?? 'id';
  return new DataLoader<string, T | null>(async (keys) => {
    const wanted = options.accept ? keys.filter(options.accept) : [...keys];
    const found = wanted.length > 0 ? await em.find(entity, { [by]: { $in: wanted } } as FilterQuery<NoInfer<T>>) : [];
    const byKey = new Map(found.map((row) => [String((row as Record<string, unknown>)[by]), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
