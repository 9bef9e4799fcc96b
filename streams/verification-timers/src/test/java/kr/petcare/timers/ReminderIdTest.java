package kr.petcare.timers;

import static kr.petcare.timers.TimersDriver.LEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import kr.petcare.timers.TimersDriver.Emitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The id depends only on the kind, the verification and its expiry: never on when or by whom it was sent. */
class ReminderIdTest {

  private static final String USER = "0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203";
  private static final String CODE = "1168064000";
  private static final Instant EXPIRY = Instant.parse("2026-12-30T18:00:00.123Z");

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void theSameReminderSentOnTimeOrLateByAnotherRunHasTheSameId() {
    List<Emitted> onTime = run(first, timers -> {
      timers.advanceTo(EXPIRY.minus(LEAD));
      timers.advanceTo(EXPIRY);
    });
    List<Emitted> late = run(second, timers -> {
      timers.advanceTo(EXPIRY.minus(LEAD).plus(Duration.ofHours(5)));
      timers.advanceTo(EXPIRY.plus(Duration.ofHours(7)));
    });
    assertEquals(List.of(
        "VERIFICATION_EXPIRING:" + USER + ":" + CODE + ":" + EXPIRY.toEpochMilli(),
        "VERIFICATION_EXPIRED:" + USER + ":" + CODE + ":" + EXPIRY.toEpochMilli()), onTime.stream().map(Emitted::id).toList());
    assertEquals(onTime.stream().map(Emitted::id).toList(), late.stream().map(Emitted::id).toList());
    assertEquals(onTime.stream().map(Emitted::id).toList(), late.stream().map(Emitted::idHeader).toList(), "header = value id");
    assertNotEquals(onTime.get(1).at("emittedAt"), late.get(1).at("emittedAt"));
    assertEquals("2026-12-30T18:00:00.123Z", onTime.get(1).value().get("expiresAt").asText(), "ISO-8601 UTC with ms");
  }

  private static List<Emitted> run(Path stateDir, Consumer<TimersDriver> clock) {
    try (TimersDriver timers = new TimersDriver(stateDir)) {
      // Microseconds in the input (Debezium's timestamptz); the id carries epoch milliseconds.
      timers.input.pipeInput(TimersDriver.key(USER, CODE), TimersDriver.envelope("c", USER, CODE, "2026-12-31T03:00:00.123456+09:00"));
      clock.accept(timers);
      return timers.emitted();
    }
  }
}
