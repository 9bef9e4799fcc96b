import type { GramFrequencies } from './gram-frequencies.ts';
import type { TermMatcher } from './search-terms.ts';

/** What the syllable-pair index is asked for one word: the hospitals holding any of `grams`. */
export interface IndexLookup {
  grams: string[];
  /** At most this share (0–1) of hospitals holds any of the grams: the sum of their shares, capped at 1. */
  share: number;
}

/**
 * The index lookup of a word of two syllables or more. Each way it can occur (exactly, or with one syllable wrong)
 * needs every pair of that way in the name, so a hospital that holds none of each way's rarest pair cannot match:
 * one overlap (`&&`) of those rarest pairs finds every candidate, and strpos and LIKE then decide. Asking for each
 * way's whole set instead (one `@>` per way) reads the posting list of "동물" once per way: 11 index scans of
 * 0.1–0.2 ms each for "동물메디칼", against one scan here.
 */
export function indexLookup(matcher: TermMatcher, frequencies: GramFrequencies): IndexLookup {
  if (!matcher.exact) throw new Error(`"${matcher.term}" has no syllable pair to look up`);
  const grams = new Set<string>();
  for (const way of [matcher.exact, ...matcher.typos]) {
    grams.add(way.grams.reduce((rarest, gram) => (frequencies.share(gram) < frequencies.share(rarest) ? gram : rarest)));
  }
  const share = Math.min(1, [...grams].reduce((sum, gram) => sum + frequencies.share(gram), 0));
  return { grams: [...grams], share };
}
