import { KOREA_BOUNDS } from '@petcare/service-kit';
import { isNeighborhoodCode } from './neighborhood.validation.ts';

/** One 행정동 ready to be written: its names and its geometry as GeoJSON (Polygon or MultiPolygon). */
export interface BoundaryRow {
  code: string;
  admCd: string | null;
  name: string;
  district: string;
  city: string;
  fullName: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
}

/** A feature left out of the import, with its position in the file's `features` array and why. */
export interface SkippedFeature {
  index: number;
  problem: string;
}

/** What a boundary file holds: the usable rows and the features skipped. */
export interface BoundaryReading {
  rows: BoundaryRow[];
  skipped: SkippedFeature[];
}

// GeoJSON (RFC 7946) is WGS84 longitude/latitude; older files still name that CRS explicitly.
const WGS84_NAMES = /CRS84$|EPSG:{1,2}4326$/;

/**
 * Reads a vuski/admdongkor-style FeatureCollection (properties adm_nm, adm_cd, adm_cd2, sidonm, sggnm).
 * A file that is not such a collection, or declares a projected CRS, is rejected whole; a single bad feature
 * is skipped and reported with its index, so one broken polygon does not block the other 3,000.
 */
export function readBoundaryFeatures(collection: unknown): BoundaryReading {
  if (!isObject(collection) || collection['type'] !== 'FeatureCollection' || !Array.isArray(collection['features'])) {
    throw new Error('not a GeoJSON FeatureCollection: expected {"type": "FeatureCollection", "features": [...]}');
  }
  const crs = isObject(collection['crs']) && isObject(collection['crs']['properties']) ? collection['crs']['properties']['name'] : undefined;
  if (typeof crs === 'string' && !WGS84_NAMES.test(crs)) {
    throw new Error(`coordinates are in ${crs}; convert the file to WGS84 (EPSG:4326) first`);
  }

  const rows: BoundaryRow[] = [];
  const skipped: SkippedFeature[] = [];
  const firstIndexOf = new Map<string, number>();
  collection['features'].forEach((feature: unknown, index: number) => {
    const read = readFeature(feature);
    if (typeof read === 'string') {
      skipped.push({ index, problem: read });
      return;
    }
    const earlier = firstIndexOf.get(read.code);
    if (earlier !== undefined) {
      skipped.push({ index, problem: `adm_cd2 ${read.code} repeats feature ${earlier}` });
      return;
    }
    firstIndexOf.set(read.code, index);
    rows.push(read);
  });
  return { rows, skipped };
}

/** A usable row, or the reason the feature cannot be used. */
function readFeature(feature: unknown): BoundaryRow | string {
  if (!isObject(feature)) return 'not a GeoJSON feature object';
  const props = feature['properties'];
  if (!isObject(props)) return 'has no properties';

  const rawCode = props['adm_cd2'];
  if (rawCode == null || rawCode === '') return 'adm_cd2 is missing';
  const code = String(rawCode).trim();
  if (!isNeighborhoodCode(code)) return `adm_cd2 "${code}" is not a 10-digit 행정동 code`;

  const fullName = text(props['adm_nm'])?.replace(/\s+/g, ' ');
  if (!fullName) return 'adm_nm is missing';
  const parts = fullName.split(' ');
  if (parts.length < 2) return `adm_nm "${fullName}" does not name a 시·도 and a 행정동`;
  const name = parts[parts.length - 1]!;
  const city = text(props['sidonm']) ?? parts[0]!;
  // 세종 has no 구 level; fall back on the middle of adm_nm, then on the city itself.
  const district = text(props['sggnm']) ?? (parts.length > 2 ? parts.slice(1, -1).join(' ') : city);
  const admCd = props['adm_cd'] == null || props['adm_cd'] === '' ? null : String(props['adm_cd']).trim();
  if (admCd !== null && admCd.length > 10) return `adm_cd "${admCd}" is longer than 10 characters`;

  const geometry = feature['geometry'];
  if (!isObject(geometry)) return 'geometry is missing';
  const type = geometry['type'];
  if (type !== 'Polygon' && type !== 'MultiPolygon') return `geometry is a ${String(type)}, not a Polygon or MultiPolygon`;
  const coordinates = geometry['coordinates'];
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 'geometry has no coordinates';
  const polygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  for (const polygon of polygons) {
    const problem = polygonProblem(polygon);
    if (problem) return problem;
  }
  return { code, admCd, name, district, city, fullName, geometry: { type, coordinates } };
}

function polygonProblem(polygon: unknown): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'a polygon has no rings';
  for (const ring of polygon) {
    if (!Array.isArray(ring) || ring.length < 4) return 'a ring has fewer than 4 positions';
    for (const position of ring) {
      const problem = positionProblem(position);
      if (problem) return problem;
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return 'a ring is not closed (first and last positions differ)';
  }
  return null;
}

function positionProblem(position: unknown): string | null {
  if (!Array.isArray(position) || position.length < 2) return 'a position is not [longitude, latitude]';
  const [lng, lat] = position as unknown[];
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    return 'a position is not [longitude, latitude]';
  }
  const b = KOREA_BOUNDS;
  if (lat < b.minLatitude || lat > b.maxLatitude || lng < b.minLongitude || lng > b.maxLongitude) {
    return `position [${lng}, ${lat}] is not a WGS84 longitude/latitude in South Korea (projected or swapped coordinates?)`;
  }
  return null;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
