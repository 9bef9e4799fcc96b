import { syllablePairs } from './search-text.ts';

/** The pairs of "동물병원", in 85–93% of all names (every other pair is in under 7%, measured on the 2023 register). */
export const UBIQUITOUS_PAIRS: ReadonlySet<string> = new Set(syllablePairs('동물병원'));
