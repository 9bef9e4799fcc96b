import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { epsg5174ToWgs84 } from '../src/modules/hospital/epsg5174.ts';

describe('epsg5174ToWgs84', () => {
  it('puts a known Seoul licence inside its 행정동', () => {
    // 동물치과병원메이, 서울특별시 강남구 테헤란로8길 46 (역삼동), 관리번호 322000001020220002 in the 2023-07 dump.
    // The result lies inside the 역삼1동 polygon of the 2021-04 boundaries (the int test checks every Seoul row).
    const { latitude, longitude } = epsg5174ToWgs84(202780.126797022, 443740.045139197);
    expect(latitude).toBeCloseTo(37.495862, 5);
    expect(longitude).toBeCloseTo(127.032227, 5);
  });

  it('takes negative northings as real points in Jeju', () => {
    // 제주오름동물병원, 제주시 노형동.
    const { latitude, longitude } = epsg5174ToWgs84(150742.20111032, -3513.02654926967);
    expect(latitude).toBeGreaterThan(33.4);
    expect(latitude).toBeLessThan(33.5);
    expect(longitude).toBeGreaterThan(126.4);
    expect(longitude).toBeLessThan(126.5);
  });

  it('is not EPSG:2097, which blogs cite and which misplaces the same licence by ~250 m', () => {
    const epsg2097 = '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +units=m +no_defs +towgs84=-146.43,507.89,681.46';
    const [lng, lat] = proj4(epsg2097, 'WGS84').forward([202780.126797022, 443740.045139197]) as [number, number];
    const ours = epsg5174ToWgs84(202780.126797022, 443740.045139197);
    const metres = Math.hypot((lat - ours.latitude) * 111_000, (lng - ours.longitude) * 111_000 * Math.cos((lat * Math.PI) / 180));
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(400);
  });
});
