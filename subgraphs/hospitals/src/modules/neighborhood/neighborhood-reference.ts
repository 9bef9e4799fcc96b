/** A Neighborhood as this service sees it: only its key; the neighborhoods service resolves the rest. */
export interface NeighborhoodReference {
  code: string;
}
