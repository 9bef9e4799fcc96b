package kr.petcare.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer store's key order is due-time order, which is what makes one range scan enough. */
class TimerKeyTest {

  private static final VerificationKey KEY = new VerificationKey("0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203", "1168064000");

  @Test
  void roundTrips() {
    TimerKey timer = new TimerKey(1_798_653_600_123L, ReminderKind.VERIFICATION_EXPIRED, KEY);
    assertEquals("1798653600123|2|0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203|1168064000", timer.encode());
    assertEquals(timer, TimerKey.decode(timer.encode()));
  }

  @Test
  void sortsByDueTimeThenKindAcrossDigitCounts() {
    List<TimerKey> timers = new ArrayList<>();
    for (long due : new long[] {9, 10, 999_999_999_999L, 1_000_000_000_000L, 1_798_653_600_000L}) {
      timers.add(new TimerKey(due, ReminderKind.VERIFICATION_EXPIRED, KEY));
      timers.add(new TimerKey(due, ReminderKind.VERIFICATION_EXPIRING, new VerificationKey("ffffffff-ffff-4fff-8fff-ffffffffffff", "9999999999")));
    }
    List<TimerKey> byBytes = timers.stream().sorted(Comparator.comparing(TimerKey::encode)).toList();
    List<TimerKey> byDue = timers.stream()
        .sorted(Comparator.comparingLong(TimerKey::dueAtMillis).thenComparing(t -> t.kind().ordinal())).toList();
    assertEquals(byDue, byBytes);
  }

  @Test
  void theUpperBoundIncludesTimersDueNowAndExcludesLaterOnes() {
    long now = 1_798_653_600_000L;
    String bound = TimerKey.upTo(now);
    assertTrue(new TimerKey(now, ReminderKind.VERIFICATION_EXPIRED, KEY).encode().compareTo(bound) <= 0);
    assertTrue(new TimerKey(now + 1, ReminderKind.VERIFICATION_EXPIRING, KEY).encode().compareTo(bound) > 0);
    assertTrue(TimerKey.lowest().compareTo(new TimerKey(0, ReminderKind.VERIFICATION_EXPIRING, KEY).encode()) <= 0);
  }
}
