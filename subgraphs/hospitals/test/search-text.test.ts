import { describe, expect, it } from 'vitest';
import { addressArea, searchKey, searchTerms, syllablePairs } from '../src/modules/search/search-text.ts';

describe('search keys', () => {
  it('folds width, case and spacing the same way for names and queries', () => {
    expect(searchKey('쿨 펫 동물병원 강남점')).toBe('쿨펫동물병원강남점');
    expect(searchKey('２４시 ＳＮＣ 동물메디컬센터')).toBe('24시snc동물메디컬센터');
    expect(searchTerms('  강남   24 강남 ')).toEqual(['강남', '24']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('indexes the pairs of adjacent syllables', () => {
    expect(syllablePairs('강남24')).toEqual(['강남', '남2', '24']);
    expect(syllablePairs('메')).toEqual(['메']);
    expect(syllablePairs('')).toEqual([]);
  });

  it('reads city, district and 동 from 지번 and road addresses', () => {
    expect(addressArea('서울특별시 강남구 역삼동 827-67', null)).toEqual({ city: '서울특별시', district: '강남구', areaKey: '서울특별시강남구역삼동' });
    expect(addressArea(null, '서울특별시 강남구 테헤란로8길 46, 2층 (역삼동)')).toEqual({ city: '서울특별시', district: '강남구', areaKey: '서울특별시강남구역삼동' });
    expect(addressArea('경기도 수원시 장안구 정자동 1', null)).toEqual({ city: '경기도', district: '수원시 장안구', areaKey: '경기도수원시장안구정자동' });
    expect(addressArea(null, null)).toEqual({ city: null, district: null, areaKey: '' });
  });
});
