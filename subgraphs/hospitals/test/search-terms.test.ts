import { describe, expect, it } from 'vitest';
import { termMatcher } from '../src/modules/search/search-terms.ts';

describe('termMatcher', () => {
  it('matches a word exactly through its syllable pairs, escaping LIKE wildcards', () => {
    expect(termMatcher('강남')).toEqual({ term: '강남', exact: { grams: ['강남'], pattern: '%강남%' }, prefixPattern: '강남%', typos: [] });
    expect(termMatcher('10%_off\\').exact?.pattern).toBe('%10\\%\\_off\\\\%');
  });

  it('matches a one-syllable word as the start of a name only', () => {
    expect(termMatcher('강')).toEqual({ term: '강', exact: null, prefixPattern: '강%', typos: [] });
  });

  it('tolerates one syllable wrong, missing or extra in words of three syllables or more', () => {
    const { typos } = termMatcher('동물메디칼');
    const patterns = typos.map((t) => t.pattern);
    // replaced: the wrong syllable becomes a one-syllable wildcard, the pairs around it must still be there
    expect(patterns).toContain('%동물메디_%');
    expect(typos.find((t) => t.pattern === '%동물메디_%')?.grams).toEqual(['동물', '물메', '메디']);
    // missing and extra syllables
    expect(patterns).toContain('%동물_메디칼%');
    expect(patterns).toContain('%동물디칼%');
    expect(patterns).not.toContain('%동물메디칼%');
    // every variant is answerable from the index
    expect(typos.every((t) => t.grams.length > 0)).toBe(true);
  });

  it('leaves out variants nothing could be looked up by', () => {
    // 메_칼: no pair survives the replaced middle syllable
    expect(termMatcher('메디칼').typos.map((t) => t.pattern)).not.toContain('%메_칼%');
  });
});
