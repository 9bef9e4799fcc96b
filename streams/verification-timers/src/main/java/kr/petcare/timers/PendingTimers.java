package kr.petcare.timers;

import java.nio.ByteBuffer;

/**
 * What the app knows about one verification: the expiry its timers belong to, and the due time of each
 * timer still pending ({@link #NONE} once fired or dropped). Kept after both have fired, so the same
 * expiry arriving again (a redelivery, a re-snapshot) is recognised and does nothing; forgotten on delete.
 * Due times are stored rather than recomputed so a change of TIMERS_EXPIRING_LEAD cannot orphan a timer.
 *
 * @param expiresAtMillis the expiry (epoch ms)
 * @param expiringDue     due time of the pending VERIFICATION_EXPIRING timer, or {@link #NONE}
 * @param expiredDue      due time of the pending VERIFICATION_EXPIRED timer, or {@link #NONE}
 * @param snapshotLsn     the LSN of the connector snapshot that last read this verification (0: none did); a
 *                        re-snapshot that did not read it proves it was deleted while the connector was away
 */
public record PendingTimers(long expiresAtMillis, long expiringDue, long expiredDue, long snapshotLsn) {

  /** No timer of that kind is pending. */
  public static final long NONE = -1;
  // Format 1 (25 bytes) predates snapshotLsn: read as 0, so the next re-snapshot's reads set it.
  private static final byte FORMAT_WITHOUT_SNAPSHOT = 1;
  private static final byte FORMAT = 2;

  /** Due time of the pending timer of {@code kind}, or {@link #NONE}. */
  public long dueOf(ReminderKind kind) {
    return kind == ReminderKind.VERIFICATION_EXPIRING ? expiringDue : expiredDue;
  }

  /** The same, with the timer of {@code kind} no longer pending. */
  public PendingTimers without(ReminderKind kind) {
    return kind == ReminderKind.VERIFICATION_EXPIRING
        ? new PendingTimers(expiresAtMillis, NONE, expiredDue, snapshotLsn)
        : new PendingTimers(expiresAtMillis, expiringDue, NONE, snapshotLsn);
  }

  /** The same, read by the snapshot at {@code lsn}. */
  public PendingTimers readBySnapshot(long lsn) {
    return new PendingTimers(expiresAtMillis, expiringDue, expiredDue, lsn);
  }

  /** 33 bytes: a format byte, then the four longs. */
  public byte[] toBytes() {
    return ByteBuffer.allocate(33).put(FORMAT).putLong(expiresAtMillis).putLong(expiringDue).putLong(expiredDue).putLong(snapshotLsn).array();
  }

  /** The inverse of {@link #toBytes()}. */
  public static PendingTimers fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT && format != FORMAT_WITHOUT_SNAPSHOT) throw new IllegalStateException("unknown PendingTimers format " + format);
    return new PendingTimers(buffer.getLong(), buffer.getLong(), buffer.getLong(), format == FORMAT ? buffer.getLong() : 0);
  }
}
