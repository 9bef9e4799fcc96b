import { describe, expect, it } from 'vitest';
import { boundaryProblem } from '../src/modules/neighborhood/neighborhood-boundary.ts';

const ring = [[127, 37.5], [127.01, 37.5], [127.01, 37.51], [127, 37.5]];

describe('boundaryProblem', () => {
  it('accepts GeoJSON Polygons and MultiPolygons', () => {
    expect(boundaryProblem(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring]] }))).toBeNull();
    expect(boundaryProblem(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toBeNull();
  });

  it('names what is wrong with anything else', () => {
    expect(boundaryProblem('{"type":')).toBe('is not JSON');
    expect(boundaryProblem('null')).toBe('is not a GeoJSON Polygon or MultiPolygon');
    expect(boundaryProblem(JSON.stringify({ type: 'Point', coordinates: [127, 37.5] }))).toBe('is not a GeoJSON Polygon or MultiPolygon');
    expect(boundaryProblem(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring.slice(0, 3)]] }))).toBe('has a malformed MultiPolygon ring');
    expect(boundaryProblem(JSON.stringify({ type: 'Polygon', coordinates: [[[127, 'x'], ...ring]] }))).toBe('has a malformed Polygon ring');
  });
});
