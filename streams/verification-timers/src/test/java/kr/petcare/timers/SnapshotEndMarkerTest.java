package kr.petcare.timers;

import static kr.petcare.timers.TimersDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A re-snapshot that finds the verification table empty ends with the connector's snapshot-end marker: the
 * verifications deleted while the connector was away get no reminder, and one written after the snapshot does.
 */
class SnapshotEndMarkerTest {

  private static final String GONE = "0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203";
  private static final String ALSO_GONE = "1c4d6e8f-2031-4b4c-9d5e-6f7081920314";
  private static final String NEW = "2d5e7f90-3142-4c5d-8e6f-708192031425";
  private static final String CODE = "1168064000";

  @RegisterExtension final TimersDriver timers = new TimersDriver();

  @Test
  void verificationsKnownBeforeAnEmptySnapshotAreForgottenAndLaterOnesStillFire() {
    timers.upsert("c", GONE, CODE, START.plus(Duration.ofDays(1)));
    timers.upsert("r", ALSO_GONE, CODE, START.plus(Duration.ofDays(2)));

    RecordHeaders headers = new RecordHeaders();
    headers.add("petcare.marker", "snapshot-end".getBytes(StandardCharsets.UTF_8));
    timers.input.pipeInput(new TestRecord<>("{\"snapshot_end\":\"public.neighborhood_verification\"}",
        "{\"snapshot_end\":\"public.neighborhood_verification\",\"lsn\":987654,\"ts_ms\":1}", headers));
    timers.upsert("c", NEW, CODE, START.plus(Duration.ofDays(1)));

    // Every expiry is within the 3-day lead: "expiring" is due at once, "expired" when each lapses.
    timers.advance(TimersDriver.INTERVAL);
    timers.advanceTo(START.plus(Duration.ofDays(3)));
    List<TimersDriver.Emitted> emitted = timers.emitted();
    assertEquals(List.of(NEW + " VERIFICATION_EXPIRING", NEW + " VERIFICATION_EXPIRED"),
        emitted.stream().map(e -> e.key() + " " + e.kind()).toList());
    assertEquals(List.of(), timers.deadLetters.readRecordsToList(), "the marker is no malformed change");
  }
}
