import { syllablePairs } from './search-text.ts';
import { UBIQUITOUS_PAIRS } from './ubiquitous-pairs.ts';

/** One way a query word can occur in a name: the index pairs every such name holds, and the LIKE pattern that confirms it. */
export interface TermVariant {
  grams: string[];
  /** A LIKE pattern over the whole key (`%…%`), wildcards and backslashes of the word escaped. */
  pattern: string;
}

/**
 * How one query word is matched: exactly (in the name or the area), or with one syllable wrong (in the name). A
 * one-syllable word has no pair to look up; it matches names that start with it (`exact` is null), as a name
 * typed letter by letter would.
 */
export interface TermMatcher {
  term: string;
  exact: TermVariant | null;
  /** `term…`: a name that starts with the word ranks above one that merely contains it. */
  prefixPattern: string;
  /** One syllable replaced, missing or extra; empty for words too short for a typo to leave anything to match. */
  typos: TermVariant[];
}

/** Words shorter than this are matched exactly only: with one of two syllables wrong, nothing is left to go by. */
export const TYPO_MIN_SYLLABLES = 3;
/** An extra syllable is tolerated only from this length, so what remains is still three syllables long. */
const EXTRA_SYLLABLE_MIN = 4;

const escapeLike = (text: string) => text.replace(/[\\%_]/gu, (c) => `\\${c}`);

// Pairs that any text containing `parts` in that order holds: the pairs inside each part, as none spans a gap.
function variant(parts: string[], gap: boolean): TermVariant {
  const grams = new Set(parts.filter((p) => Array.from(p).length >= 2).flatMap(syllablePairs));
  return { grams: [...grams], pattern: `%${parts.map(escapeLike).join(gap ? '_' : '')}%` };
}

// A typo variant worth trying: one pair to look up at least, and one that is not in most names (a variant that only
// the pairs of 동물병원 would look up matches most of the register).
const selective = (v: TermVariant) => v.grams.some((g) => !UBIQUITOUS_PAIRS.has(g));

/**
 * The matcher of one query word (already folded by `searchTerms`). A "typo of one syllable" is one syllable
 * replaced ("동물메디칼" for "동물메디컬"), missing ("동물메컬") or extra ("동물메디디컬"); each variant names the pairs
 * of syllables a matching name must contain, so the index narrows every one of them.
 */
export function termMatcher(term: string): TermMatcher {
  const chars = Array.from(term);
  const n = chars.length;
  const typos = new Map<string, TermVariant>();
  const add = (v: TermVariant) => {
    if (selective(v)) typos.set(v.pattern, v);
  };
  if (n >= TYPO_MIN_SYLLABLES) {
    for (let i = 0; i < n; i++) add(variant([chars.slice(0, i).join(''), chars.slice(i + 1).join('')], true));
    for (let i = 1; i < n; i++) add(variant([chars.slice(0, i).join(''), chars.slice(i).join('')], true));
    if (n >= EXTRA_SYLLABLE_MIN) for (let i = 0; i < n; i++) add(variant([chars.filter((_, j) => j !== i).join('')], false));
  }
  const exact = n >= 2 ? variant([term], false) : null;
  if (exact) typos.delete(exact.pattern);
  return { term, exact, prefixPattern: `${escapeLike(term)}%`, typos: [...typos.values()] };
}
