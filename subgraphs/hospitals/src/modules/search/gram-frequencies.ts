import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import { UBIQUITOUS_PAIRS } from './ubiquitous-pairs.ts';

/**
 * How common each syllable pair of the search index is, read from PostgreSQL's own statistics of
 * `hospital.search_grams` (ANALYZE keeps the most common elements of an array column with their shares; the importer
 * runs it after a large import). Only how fast a search runs depends on it, never what it finds.
 */
export interface GramFrequencies {
  /** False before the column was ever analysed: shares are then guesses and nothing may rely on them. */
  known: boolean;
  /** The share (0–1) of hospitals whose index holds `gram`; a pair the statistics do not list is rarer than any listed one. */
  share(gram: string): number;
}

/** Before any ANALYZE: the pairs of "동물병원" count as everywhere, any other pair as rare. */
export const GUESSED_FREQUENCIES: GramFrequencies = { known: false, share: (gram) => (UBIQUITOUS_PAIRS.has(gram) ? 1 : 0) };

/** Reads the statistics now; GUESSED_FREQUENCIES when the column has none yet. */
export async function readGramFrequencies(em: EntityManager): Promise<GramFrequencies> {
  const [row] = await executeBound<{ grams: string[]; shares: number[] }>(
    em,
    `select most_common_elems::text::text[] as grams, most_common_elem_freqs as shares
     from pg_stats where schemaname = current_schema() and tablename = 'hospital' and attname = 'search_grams'`,
    [],
  );
  if (!row?.grams || !row.shares) return GUESSED_FREQUENCIES;
  // most_common_elem_freqs ends with three more numbers (the lowest and highest share, the share of nulls).
  const shares = new Map(row.grams.map((gram, i) => [gram, row.shares[i]!]));
  const rarerThanListed = Math.min(...row.grams.map((_, i) => row.shares[i]!));
  return { known: true, share: (gram) => shares.get(gram) ?? rarerThanListed };
}
