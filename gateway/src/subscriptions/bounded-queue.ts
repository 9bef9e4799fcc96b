/**
 * A FIFO of at most `limit` items with one reader that awaits the next one. `push` refuses an item beyond the
 * limit instead of growing, so a reader that has stopped (a client that no longer reads its socket) costs a
 * bounded amount of memory; what to do about the refusal is the writer's decision.
 */
export class BoundedQueue<T> {
  readonly #items: T[] = [];
  #waiting: ((item: T | undefined) => void) | null = null;
  #closed = false;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`queue limit must be a positive integer, got ${limit}`);
  }

  /** Items waiting to be read. */
  get size(): number {
    return this.#items.length;
  }

  /** Adds an item; false (and nothing added) when the queue is full or closed. */
  push(item: T): boolean {
    if (this.#closed) return false;
    if (this.#waiting) {
      const wake = this.#waiting;
      this.#waiting = null;
      wake(item);
      return true;
    }
    if (this.#items.length >= this.limit) return false;
    this.#items.push(item);
    return true;
  }

  /** The next item, waiting for one if needed; undefined once the queue is closed (items not yet read are dropped). */
  next(): Promise<T | undefined> {
    if (this.#closed) return Promise.resolve(undefined);
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift());
    if (this.#waiting) throw new Error('BoundedQueue has one reader: next() called while a read is pending');
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  /** Drops what is queued and ends a pending read. */
  close(): void {
    this.#closed = true;
    this.#items.length = 0;
    const wake = this.#waiting;
    this.#waiting = null;
    wake?.(undefined);
  }
}
