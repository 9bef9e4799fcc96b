const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID, the form of every users-service id; anything else cannot have a verification row. */
export function isUserId(id: string): boolean {
  return UUID.test(id);
}
