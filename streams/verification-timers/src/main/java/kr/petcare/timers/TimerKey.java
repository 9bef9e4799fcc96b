package kr.petcare.timers;

/**
 * The key of one pending timer in the timer store: {@code <due epoch ms, 13 digits>|<kind code>|<userId>|<code>}.
 * Fixed-width, zero-padded due time first, so the store's byte order is due-time order and
 * {@code range(lowest(), upTo(now))} is exactly the timers due at or before now, earliest first.
 * 13 digits hold every instant from 1970 to the year 2286.
 *
 * @param dueAtMillis when the timer fires (epoch ms)
 * @param kind        which reminder it fires
 * @param key         the verification it belongs to
 */
public record TimerKey(long dueAtMillis, ReminderKind kind, VerificationKey key) {

  private static final int WIDTH = 13;

  /** The store key. */
  public String encode() {
    return pad(dueAtMillis) + "|" + kind.code + "|" + key.storeKey();
  }

  /** The inverse of {@link #encode()}. */
  public static TimerKey decode(String encoded) {
    long due = Long.parseLong(encoded.substring(0, WIDTH));
    ReminderKind kind = ReminderKind.fromCode(encoded.charAt(WIDTH + 1));
    return new TimerKey(due, kind, VerificationKey.fromStoreKey(encoded.substring(WIDTH + 3)));
  }

  /** Lower bound of every timer key. */
  public static String lowest() {
    return pad(0);
  }

  /** Upper bound (inclusive) of the keys of timers due at or before {@code nowMillis}: '~' sorts after '|'. */
  public static String upTo(long nowMillis) {
    return pad(nowMillis) + "|~";
  }

  private static String pad(long millis) {
    if (millis < 0 || millis > 9_999_999_999_999L) throw new IllegalArgumentException("due time out of range: " + millis);
    String digits = Long.toString(millis);
    return "0".repeat(WIDTH - digits.length()) + digits;
  }
}
