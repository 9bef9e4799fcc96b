type Position = number[];

function isRing(ring: unknown): ring is Position[] {
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)))
  );
}

const isPolygon = (rings: unknown) => Array.isArray(rings) && rings.length > 0 && rings.every(isRing);

/**
 * Checks that a boundary string is a GeoJSON Polygon or MultiPolygon with well-formed rings, before it reaches
 * PostGIS: there one malformed boundary would fail the batched query for every neighbourhood in the request.
 * Returns the problem, or null when the boundary is usable.
 */
export function boundaryProblem(boundary: string): string | null {
  let geometry: unknown;
  try {
    geometry = JSON.parse(boundary);
  } catch {
    return 'is not JSON';
  }
  const { type, coordinates } = (geometry ?? {}) as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return isPolygon(coordinates) ? null : 'has a malformed Polygon ring';
  if (type === 'MultiPolygon') {
    return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon) ? null : 'has a malformed MultiPolygon ring';
  }
  return 'is not a GeoJSON Polygon or MultiPolygon';
}
