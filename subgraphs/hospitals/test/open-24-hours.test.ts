import { describe, expect, it } from 'vitest';
import { looksOpen24Hours } from '../src/modules/hospital/open-24-hours.ts';

describe('looksOpen24Hours (derived from the name only)', () => {
  it.each([
    '24시 동물병원',
    '24시간아프리카동물병원',
    '강남24동물메디컬센터',
    '24h알프동물메디컬',
    '광명 24 아이디동물의료센터',
    'Dr.윤24시동물병원',
    '천안동물의료센터 24시',
    '２４시 동물병원',
  ])('reads "%s" as round the clock', (name) => {
    expect(looksOpen24Hours(name)).toBe(true);
  });

  it.each(['2424동물병원', '124동물병원', '240동물병원', '二十四시 동물병원', '이십사시 동물병원', '365동물병원', '행복한동물병원'])(
    'does not read "%s" as round the clock',
    (name) => {
      expect(looksOpen24Hours(name)).toBe(false);
    },
  );
});
