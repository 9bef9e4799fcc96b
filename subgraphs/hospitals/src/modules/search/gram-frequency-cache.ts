import type { EntityManager } from '@mikro-orm/postgresql';
import { readGramFrequencies, type GramFrequencies } from './gram-frequencies.ts';

/**
 * The frequencies for a search, refreshed in the background once older than `maxAgeMs` (an import in another
 * process changes them; until the refresh, searches only run a little slower). Only the first search waits for them.
 */
export function gramFrequencyCache(maxAgeMs: number): (em: EntityManager) => Promise<GramFrequencies> {
  let current: GramFrequencies | null = null;
  let readAt = 0;
  let reading: Promise<GramFrequencies> | null = null;
  const read = (em: EntityManager) => {
    reading ??= readGramFrequencies(em)
      .then((frequencies) => {
        current = frequencies;
        return frequencies;
      })
      .finally(() => {
        readAt = Date.now();
        reading = null;
      });
    return reading;
  };
  return async (em) => {
    if (!current) return read(em);
    if (Date.now() - readAt > maxAgeMs) read(em).catch(() => undefined);
    return current;
  };
}
