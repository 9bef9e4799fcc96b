package kr.petcare.timers;

import static kr.petcare.timers.TimersDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A record that is not a verification change goes to the dead-letter topic with its reason; the app carries on. */
class MalformedInputTest {

  private static final String USER = "0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203";
  private static final String CODE = "1168064000";

  @RegisterExtension final TimersDriver timers = new TimersDriver();

  @Test
  void unreadableRecordsAreDeadLetteredWithTheirReasonAndTheNextOneIsProcessed() {
    String key = TimersDriver.key(USER, CODE);
    String goodValue = TimersDriver.envelope("c", USER, CODE, "2026-12-01T09:00:00Z");
    List<String[]> bad = List.of(
        new String[] {key, "{not json", "value is not JSON"},
        new String[] {"{\"id\":7}", goodValue, "key.user_id is not a uuid"},
        new String[] {TimersDriver.key(USER, "11680"), goodValue, "key.neighborhood_code is not a 10-digit"},
        new String[] {key, TimersDriver.envelope("c", USER, CODE, "next tuesday"), "after.expires_at is not an ISO-8601"},
        new String[] {key, "{\"op\":\"u\",\"after\":null}", "op 'u' without an 'after' row"},
        new String[] {key, "{\"op\":\"t\"}", "unsupported op 't'"},
        new String[] {key, "{\"schema\":{},\"payload\":{}}", "schema/payload wrapper"},
        new String[] {null, goodValue, "record has no key"});
    for (String[] record : bad) timers.input.pipeInput(record[0], record[1]);
    timers.upsert("c", USER, CODE, START.plus(Duration.ofDays(1)));

    List<TestRecord<String, String>> dead = timers.deadLetters.readRecordsToList();
    assertEquals(bad.size(), dead.size());
    for (int i = 0; i < bad.size(); i++) {
      Headers headers = dead.get(i).headers();
      String reason = header(headers, "dlq.reason");
      assertTrue(reason.contains(bad.get(i)[2]), "reason of record " + i + ": " + reason);
      assertEquals(bad.get(i)[0], dead.get(i).key(), "the original key");
      assertEquals(bad.get(i)[1], dead.get(i).value(), "the original value");
      assertEquals(TimersDriver.TOPICS.verifications(), header(headers, "dlq.source.topic"));
      assertEquals(Integer.toString(i), header(headers, "dlq.source.offset"));
      assertEquals("0", header(headers, "dlq.source.partition"));
      assertEquals("test_verification-timers", header(headers, "dlq.consumer.group"));
    }

    timers.advance(TimersDriver.INTERVAL);
    assertEquals(List.of("VERIFICATION_EXPIRING"), timers.emitted().stream().map(TimersDriver.Emitted::kind).toList());
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
