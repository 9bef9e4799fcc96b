import { comparePositions, type AlertPosition } from './alert-position.ts';

/**
 * What one subscription has delivered, so an alert reaches it once although CDC is at-least-once (a Connect
 * restart replays events) and a resumed subscription reads the same alerts from its backlog and from the live feed.
 *
 * Two rules: an id already delivered is refused; and so is anything at or before the floor, the position the
 * client resumed after (it had those). Memory is bounded: past `limit` ids the oldest is forgotten and the floor
 * rises to it, so a replay of something that old is refused by position instead of by id.
 */
export class DeliveryLog {
  readonly #delivered = new Map<string, AlertPosition>();
  #floor: AlertPosition | null;

  constructor(
    readonly limit: number,
    floor: AlertPosition | null = null,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`delivery log limit must be a positive integer, got ${limit}`);
    this.#floor = floor;
  }

  /** Whether an alert at `position` has not been delivered yet and lies after the floor. */
  isNew(position: AlertPosition): boolean {
    if (this.#delivered.has(position.id)) return false;
    return this.#floor === null || comparePositions(position, this.#floor) > 0;
  }

  /** Records an alert as delivered. */
  record(position: AlertPosition): void {
    this.#delivered.set(position.id, position);
    if (this.#delivered.size <= this.limit) return;
    const [oldestId, oldest] = this.#delivered.entries().next().value!;
    this.#delivered.delete(oldestId);
    if (this.#floor === null || comparePositions(oldest, this.#floor) > 0) this.#floor = oldest;
  }
}
