/** A user as this service knows one: only the id the users service owns; everything else here hangs off it. */
export interface UserReference {
  id: string;
}
