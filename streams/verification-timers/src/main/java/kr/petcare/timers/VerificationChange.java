package kr.petcare.timers;

/** What a change to {@code neighborhood_verification} means for the timers. */
public sealed interface VerificationChange {

  /** The verification that changed. */
  VerificationKey key();

  /**
   * The row exists (insert, update or snapshot read) and lapses at {@code expiresAtMillis}.
   *
   * @param snapshotLsn  for a snapshot read, the snapshot's LSN; 0 for a streamed insert or update
   * @param lastOfSnapshot the last read of the table in its snapshot: every row the table held was read by then
   */
  record Upsert(VerificationKey key, long expiresAtMillis, long snapshotLsn, boolean lastOfSnapshot) implements VerificationChange {

    /** A streamed insert or update. */
    Upsert(VerificationKey key, long expiresAtMillis) {
      this(key, expiresAtMillis, 0, false);
    }
  }

  /** The row is gone (a delete, or the tombstone after it): its timers are cancelled and it is forgotten. */
  record Removal(VerificationKey key) implements VerificationChange {}
}
