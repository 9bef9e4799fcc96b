import { describe, expect, it } from 'vitest';
import { GUESSED_FREQUENCIES, type GramFrequencies } from '../src/modules/search/gram-frequencies.ts';
import { indexLookup } from '../src/modules/search/index-lookup.ts';
import { termMatcher } from '../src/modules/search/search-terms.ts';

// Shares as the 2023 register has them (hospitals holding the pair / 9,736).
const register: GramFrequencies = {
  known: true,
  share: (gram) => ({ 동물: 0.926, 물병: 0.9, 병원: 0.88, 메디: 0.025, 디컬: 0.022, 물메: 0.021, 디칼: 0.0005, 24: 0.024, '4시': 0.023 })[gram] ?? 0.0002,
};

describe('indexLookup', () => {
  it('looks up the rarest pair of every way a word can occur, each pair once', () => {
    const matcher = termMatcher('동물메디칼');
    const lookup = indexLookup(matcher, register);
    for (const way of [matcher.exact!, ...matcher.typos]) {
      const rarest = [...way.grams].sort((a, b) => register.share(a) - register.share(b))[0]!;
      expect(lookup.grams).toContain(rarest);
    }
    expect(new Set(lookup.grams).size).toBe(lookup.grams.length);
    // a pair in nine names of ten is never what a way is found by while it has a rarer one
    expect(lookup.grams).not.toContain('동물');
  });

  it('bounds the share of hospitals the lookup reads by the sum of its pairs, at most all of them', () => {
    const lookup = indexLookup(termMatcher('24시'), register);
    expect([...lookup.grams].sort()).toEqual(['24', '4시']);
    expect(lookup.share).toBeCloseTo(0.047, 6);
    expect(indexLookup(termMatcher('동물병원'), register).share).toBeLessThanOrEqual(1);
    expect(indexLookup(termMatcher('동물병원'), register).share).toBeGreaterThan(0.8);
  });

  it('before any statistics, avoids the pairs of 동물병원 and says its share is a guess', () => {
    expect(GUESSED_FREQUENCIES.known).toBe(false);
    const lookup = indexLookup(termMatcher('해치동물병원'), GUESSED_FREQUENCIES);
    expect(lookup.grams.some((g) => ['동물', '물병', '병원'].includes(g))).toBe(false);
    expect(lookup.grams).toContain('해치');
  });

  it('refuses a one-syllable word, which has no pair (it is matched by the name prefix instead)', () => {
    expect(() => indexLookup(termMatcher('강'), register)).toThrow(/no syllable pair/);
  });
});
