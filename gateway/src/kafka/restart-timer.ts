import type { Consumer } from 'kafkajs';

/**
 * Restarts a gateway topic reader (the live alerts feed, the deleted-accounts reader) a while after its consumer
 * failed: the failed consumer is disconnected first, and nothing restarts once the reader is stopped. One restart is
 * pending at a time, however many failures report it.
 */
export class RestartTimer {
  #timer: NodeJS.Timeout | null = null;

  constructor(
    /** How long to wait before starting again. */
    readonly delayMs: number,
    private readonly isStopped: () => boolean,
  ) {}

  /** True while a restart waits. */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Starts `start` again after the delay, unless a restart is already pending or the reader stopped. */
  schedule(failed: Consumer, start: () => void): void {
    if (this.isStopped() || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void failed
        .disconnect()
        .catch(() => undefined)
        .then(() => {
          if (!this.isStopped()) start();
        });
    }, this.delayMs);
  }

  /** Drops a pending restart (the reader is stopping). */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
