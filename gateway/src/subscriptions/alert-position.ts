/** Where an alert sits in its user's list: the (createdAt, id) keyset the alerts service orders by. */
export interface AlertPosition {
  id: string;
  /** Milliseconds since the epoch (alerts store createdAt with millisecond precision). */
  createdAt: number;
}

/** Orders positions as PostgreSQL orders (created_at, id): by time, then by the UUID's lower-case hex. */
export function comparePositions(a: AlertPosition, b: AlertPosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
