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
 */
public record PendingTimers(long expiresAtMillis, long expiringDue, long expiredDue) {

  /** No timer of that kind is pending. */
  public static final long NONE = -1;
  private static final byte FORMAT = 1;

  /** Due time of the pending timer of {@code kind}, or {@link #NONE}. */
  public long dueOf(ReminderKind kind) {
    return kind == ReminderKind.VERIFICATION_EXPIRING ? expiringDue : expiredDue;
  }

  /** The same, with the timer of {@code kind} no longer pending. */
  public PendingTimers without(ReminderKind kind) {
    return kind == ReminderKind.VERIFICATION_EXPIRING
        ? new PendingTimers(expiresAtMillis, NONE, expiredDue)
        : new PendingTimers(expiresAtMillis, expiringDue, NONE);
  }

  /** 25 bytes: a format byte, then the three longs. */
  public byte[] toBytes() {
    return ByteBuffer.allocate(25).put(FORMAT).putLong(expiresAtMillis).putLong(expiringDue).putLong(expiredDue).array();
  }

  /** The inverse of {@link #toBytes()}. */
  public static PendingTimers fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT) throw new IllegalStateException("unknown PendingTimers format " + format);
    return new PendingTimers(buffer.getLong(), buffer.getLong(), buffer.getLong());
  }
}
