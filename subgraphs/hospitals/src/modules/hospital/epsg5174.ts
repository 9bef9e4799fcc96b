import proj4 from 'proj4';

/**
 * EPSG:5174 (Korean 1985 / modified central belt, Bessel) with the datum shift that lands LOCALDATA points
 * where they belong. EPSG:2097, which blogs often cite, puts them ~250 m off. Source: /work/shared/data/README.md.
 */
export const EPSG_5174 =
  '+proj=tmerc +lat_0=38 +lon_0=127.0028902777778 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +units=m +no_defs +towgs84=-115.80,474.99,674.11,1.16,-2.31,-1.63,6.43';

const toWgs84 = proj4(EPSG_5174, 'WGS84');

/** A WGS84 position in decimal degrees. */
export interface LatLng {
  latitude: number;
  longitude: number;
}

/**
 * Converts LOCALDATA's 좌표정보 x/y (EPSG:5174 metres, easting/northing) to WGS84. Negative values are real:
 * Jeju lies south of the false northing's origin and some islands west of the false easting's.
 */
export function epsg5174ToWgs84(x: number, y: number): LatLng {
  const [longitude, latitude] = toWgs84.forward([x, y]) as [number, number];
  return { latitude, longitude };
}
