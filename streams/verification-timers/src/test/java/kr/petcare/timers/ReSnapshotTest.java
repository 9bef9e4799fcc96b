package kr.petcare.timers;

import static kr.petcare.timers.TimersDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A re-snapshot (the connector's slot and offsets gone, then a new snapshot) is the only evidence of the
 * verifications deleted while the connector was away: they get no reminder, and one written after it does. A
 * snapshot says it is complete in each partition with the connector's snapshot-end marker, and in one of them also
 * with the table's last read.
 */
class ReSnapshotTest {

  private static final String USER_A = "0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203";
  private static final String USER_B = "1c4d6e8f-2031-4b4c-9d5e-6f7081920314";
  private static final String USER_C = "2d5e7f90-3142-4c5d-8e6f-708192031425";
  private static final String CODE = "1168064000";

  @RegisterExtension final TimersDriver timers = new TimersDriver();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A snapshot read as Debezium writes it: the snapshot's LSN, and whether it is the table's last read. */
  private static String read(String userId, Instant expiresAt, long lsn, String snapshot) throws Exception {
    ObjectNode envelope = (ObjectNode) JSON.readTree(TimersDriver.envelope("r", userId, CODE, TimersDriver.micros(expiresAt)));
    ((ObjectNode) envelope.get("source")).put("lsn", lsn).put("snapshot", snapshot);
    return envelope.toString();
  }

  @Test
  void verificationsTheReSnapshotDidNotReadAreForgottenAndTheOthersKeepTheirTimers() throws Exception {
    timers.upsert("c", USER_A, CODE, START.plus(Duration.ofDays(1)));
    timers.upsert("c", USER_B, CODE, START.plus(Duration.ofDays(1)));
    timers.upsert("r", USER_C, CODE, START.plus(Duration.ofDays(2)));

    // USER_A gave the 동네 up while the connector was away; USER_B renewed. The re-snapshot at lsn 5000 reads USER_C
    // (unchanged) and USER_B (a later expiry), and USER_B's read is the table's last.
    timers.input.pipeInput(TimersDriver.key(USER_C, CODE), read(USER_C, START.plus(Duration.ofDays(2)), 5000, "true"));
    timers.input.pipeInput(TimersDriver.key(USER_B, CODE), read(USER_B, START.plus(Duration.ofDays(2)), 5000, "last"));

    timers.advance(TimersDriver.INTERVAL);
    timers.advanceTo(START.plus(Duration.ofDays(3)));
    List<String> emitted = timers.emitted().stream().map(e -> e.key() + " " + e.kind()).sorted().toList();
    assertEquals(List.of(USER_B + " VERIFICATION_EXPIRED", USER_B + " VERIFICATION_EXPIRING",
        USER_C + " VERIFICATION_EXPIRED", USER_C + " VERIFICATION_EXPIRING"), emitted);
  }

  /** The marker the connector writes into each partition of the topic when a snapshot at {@code lsn} has read the table. */
  private void snapshotEnd(String lsn) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("petcare.marker", "snapshot-end".getBytes(StandardCharsets.UTF_8));
    timers.input.pipeInput(new TestRecord<>("{\"snapshot_end\":\"public.neighborhood_verification\",\"partition\":1}",
        "{\"snapshot_end\":\"public.neighborhood_verification\",\"lsn\":" + lsn + ",\"ts_ms\":1,\"partitions\":3}", headers));
  }

  @Test
  void aPartitionWithoutTheLastReadIsReconciledAtItsMarker() throws Exception {
    timers.upsert("c", USER_A, CODE, START.plus(Duration.ofDays(1)));
    timers.upsert("c", USER_B, CODE, START.plus(Duration.ofDays(1)));

    // The table's last read went to another partition; this one sees its reads (USER_B) and then its marker.
    timers.input.pipeInput(TimersDriver.key(USER_B, CODE), read(USER_B, START.plus(Duration.ofDays(2)), 5000, "true"));
    snapshotEnd("5000");

    timers.advance(TimersDriver.INTERVAL);
    timers.advanceTo(START.plus(Duration.ofDays(3)));
    assertEquals(List.of(USER_B + " VERIFICATION_EXPIRING", USER_B + " VERIFICATION_EXPIRED"),
        timers.emitted().stream().map(e -> e.key() + " " + e.kind()).toList());
  }

  @Test
  void aMarkerThatDoesNotSayWhichSnapshotEndedIsDeadLetteredAndForgetsNothing() {
    timers.upsert("c", USER_A, CODE, START.plus(Duration.ofDays(1)));
    snapshotEnd("null");

    assertEquals(1, timers.deadLetters.readRecordsToList().size());
    timers.advance(TimersDriver.INTERVAL);
    timers.advanceTo(START.plus(Duration.ofDays(3)));
    assertEquals(List.of(USER_A + " VERIFICATION_EXPIRING", USER_A + " VERIFICATION_EXPIRED"),
        timers.emitted().stream().map(e -> e.key() + " " + e.kind()).toList());
  }

  @Test
  void verificationsKnownBeforeAnEmptySnapshotAreForgottenAndLaterOnesStillFire() {
    timers.upsert("c", USER_A, CODE, START.plus(Duration.ofDays(1)));
    timers.upsert("r", USER_B, CODE, START.plus(Duration.ofDays(2)));

    snapshotEnd("987654");
    timers.upsert("c", USER_C, CODE, START.plus(Duration.ofDays(1)));

    // Every expiry is within the 3-day lead: "expiring" is due at once, "expired" when each lapses.
    timers.advance(TimersDriver.INTERVAL);
    timers.advanceTo(START.plus(Duration.ofDays(3)));
    List<TimersDriver.Emitted> emitted = timers.emitted();
    assertEquals(List.of(USER_C + " VERIFICATION_EXPIRING", USER_C + " VERIFICATION_EXPIRED"),
        emitted.stream().map(e -> e.key() + " " + e.kind()).toList());
    assertEquals(List.of(), timers.deadLetters.readRecordsToList(), "the marker is no malformed change");
  }
}
