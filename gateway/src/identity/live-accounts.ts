/**
 * The accounts the users topic says exist, per partition, each with the highest LSN seen of it. A re-snapshot (the
 * connector's slot and offsets gone, then a new snapshot) reads every account that still exists; one whose highest LSN
 * is below the snapshot's point when the snapshot ends in its partition was deleted while the connector was away, with
 * no delete event anywhere. Per partition, because a snapshot's end is known per partition only. About 120 bytes per
 * live account (its id and one number; 123 B each measured at 200,000), so 120 MB at a million accounts.
 */
export class LiveAccounts {
  readonly #byPartition = new Map<number, Map<string, number>>();

  /** An insert, update or snapshot read of `id` at `lsn`. */
  seen(partition: number, id: string, lsn: number): void {
    let accounts = this.#byPartition.get(partition);
    if (!accounts) this.#byPartition.set(partition, (accounts = new Map()));
    // A change of a transaction that straddled a snapshot may follow that snapshot's read with a lower LSN.
    if (lsn > (accounts.get(id) ?? -1)) accounts.set(id, lsn);
  }

  /** `id` was deleted. */
  deleted(partition: number, id: string): void {
    this.#byPartition.get(partition)?.delete(id);
  }

  /** Removes and returns the accounts of `partition` that the snapshot at `lsn`, ended there, did not read. */
  notReadBy(partition: number, lsn: number): string[] {
    const accounts = this.#byPartition.get(partition);
    if (!accounts) return [];
    const gone = [...accounts].flatMap(([id, highest]) => (highest < lsn ? [id] : []));
    for (const id of gone) accounts.delete(id);
    return gone;
  }

  /** How many live accounts are known, for logs and tests. */
  get size(): number {
    let n = 0;
    for (const accounts of this.#byPartition.values()) n += accounts.size;
    return n;
  }
}
