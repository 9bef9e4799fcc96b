import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBoundaryFeatures } from '../src/modules/neighborhood/neighborhood.feature.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/gangnam-jongno-squares.geojson', import.meta.url), 'utf8'));

const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
const feature = (properties: Record<string, unknown>, geometry: unknown = { type: 'Polygon', coordinates: square(127.03, 37.49, 127.04, 37.5) }) =>
  ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const yeoksam = { adm_nm: '서울특별시 강남구 역삼1동', adm_cd: '1123064', adm_cd2: '1168064000', sidonm: '서울특별시', sggnm: '강남구' };

describe('reading boundary features', () => {
  it('keeps the usable features of the fixture and reports the others by index', () => {
    const { rows, skipped } = readBoundaryFeatures(fixture);
    expect(rows.map((r) => r.code)).toEqual(['1168064000', '1168065000', '1111053000']);
    expect(rows[0]).toMatchObject({ admCd: '1123064', name: '역삼1동', district: '강남구', city: '서울특별시', fullName: '서울특별시 강남구 역삼1동' });
    expect(rows[1]?.geometry.type).toBe('Polygon');
    expect(skipped).toEqual([
      { index: 3, problem: 'adm_cd2 is missing' },
      { index: 4, problem: 'geometry is a Point, not a Polygon or MultiPolygon' },
    ]);
  });

  it('accepts a numeric adm_cd2 and derives missing names from adm_nm, as in other admdongkor releases', () => {
    const { rows } = readBoundaryFeatures(collection(
      feature({ ...yeoksam, adm_cd2: 1168064000 }),
      feature({ adm_nm: '세종특별자치시  조치원읍', adm_cd2: '3611025000' }, { type: 'Polygon', coordinates: square(127.28, 36.59, 127.3, 36.61) }),
    ));
    expect(rows[0]?.code).toBe('1168064000');
    expect(rows[1]).toMatchObject({ name: '조치원읍', district: '세종특별자치시', city: '세종특별자치시', fullName: '세종특별자치시 조치원읍', admCd: null });
  });

  it('skips repeated codes, malformed rings and coordinates that are not WGS84 in Korea', () => {
    const { rows, skipped } = readBoundaryFeatures(collection(
      feature(yeoksam),
      feature(yeoksam),
      feature({ ...yeoksam, adm_cd2: '1168065000' }, { type: 'Polygon', coordinates: [[[127.03, 37.49], [127.04, 37.49], [127.04, 37.5], [127.03, 37.5]]] }),
      feature({ ...yeoksam, adm_cd2: '1168066000' }, { type: 'Polygon', coordinates: square(958000, 1943000, 959000, 1944000) }),
      feature({ ...yeoksam, adm_cd2: '1168067000' }, { type: 'Polygon', coordinates: square(37.49, 127.03, 37.5, 127.04) }),
      feature({ ...yeoksam, adm_cd2: '11680' }),
      feature({ ...yeoksam, adm_cd2: '1168068000' }, null),
      'not a feature',
    ));
    expect(rows).toHaveLength(1);
    expect(skipped.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(skipped[0]?.problem).toBe('adm_cd2 1168064000 repeats feature 0');
    expect(skipped[1]?.problem).toMatch(/not closed/);
    expect(skipped[2]?.problem).toMatch(/not a WGS84 longitude\/latitude/);
    expect(skipped[3]?.problem).toMatch(/not a WGS84 longitude\/latitude/);
    expect(skipped[4]?.problem).toMatch(/not a 10-digit/);
    expect(skipped[5]?.problem).toBe('geometry is missing');
  });

  it('rejects a whole file that is not a FeatureCollection or is projected', () => {
    expect(() => readBoundaryFeatures({ type: 'Feature' })).toThrow(/FeatureCollection/);
    expect(() => readBoundaryFeatures({ ...collection(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::5179' } } })).toThrow(/EPSG::5179/);
    expect(readBoundaryFeatures({ ...collection(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } } }).rows).toEqual([]);
  });
});
