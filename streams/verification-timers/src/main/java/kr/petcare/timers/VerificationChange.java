package kr.petcare.timers;

/** What a change to {@code neighborhood_verification} means for the timers. */
public sealed interface VerificationChange {

  /** The verification that changed. */
  VerificationKey key();

  /** The row exists (insert, update or snapshot read) and lapses at {@code expiresAtMillis}. */
  record Upsert(VerificationKey key, long expiresAtMillis) implements VerificationChange {}

  /** The row is gone (a delete, or the tombstone after it): its timers are cancelled and it is forgotten. */
  record Removal(VerificationKey key) implements VerificationChange {}
}
