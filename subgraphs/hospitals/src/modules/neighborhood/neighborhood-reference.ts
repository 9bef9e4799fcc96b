/** A Neighborhood as this service sees it: the key, plus the boundary the gateway fetches for `@requires`. */
export interface NeighborhoodReference {
  code: string;
  /** GeoJSON (Multi)Polygon, WGS84, as a JSON string; absent only when a query skipped the `@requires` path. */
  boundary?: string;
}
