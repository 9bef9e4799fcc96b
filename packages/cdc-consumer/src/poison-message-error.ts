/**
 * A message that can never be applied, however often it is retried (malformed, or violating the copy's
 * rules). The consumer sends it to the dead-letter topic with this reason and carries on.
 */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}
