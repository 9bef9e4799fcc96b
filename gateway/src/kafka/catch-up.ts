/**
 * A topic reader's progress towards the end its topic had when reading began: done once every partition's position
 * has reached that end. Messages appended later do not move the goal, so a busy topic cannot keep it out of reach.
 * Once done, it stays done (a reader that restarts keeps what it has read).
 */
export class CatchUp {
  #goal: Map<number, bigint> | null = null;
  readonly #positions = new Map<number, bigint>();
  #done = false;
  #waiters: (() => void)[] = [];

  /** True once the reader has read everything its topic held when it began. */
  get done(): boolean {
    return this.#done;
  }

  /**
   * Sets the goal, the end offset (next offset to be written) of each partition when reading began, and where the
   * reader starts (its group's committed offsets; -1 when none, i.e. the beginning).
   */
  begin(ends: readonly { partition: number; high: string }[], starts: readonly { partition: number; offset: string }[]): void {
    this.#goal = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
    for (const s of starts) if (BigInt(s.offset) > 0n) this.#advance(s.partition, BigInt(s.offset));
    this.#check();
  }

  /** The reader has consumed `partition` up to and including `offset`. */
  consumed(partition: number, offset: string): void {
    this.#advance(partition, BigInt(offset) + 1n);
    this.#check();
  }

  /** Resolves true once done, or false after `timeoutMs` without getting there. */
  whenDone(timeoutMs: number): Promise<boolean> {
    if (this.#done) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      // Waiting for a reader is no reason to keep the process alive.
      timer.unref();
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#waiters.push(wake);
    });
  }

  #advance(partition: number, next: bigint): void {
    if (next > (this.#positions.get(partition) ?? 0n)) this.#positions.set(partition, next);
  }

  #check(): void {
    if (this.#done || !this.#goal) return;
    for (const [partition, end] of this.#goal) if ((this.#positions.get(partition) ?? 0n) < end) return;
    this.#done = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
