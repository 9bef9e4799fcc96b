package kr.petcare.timers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real topology in a TopologyTestDriver with a wall clock the test moves, fed Debezium-shaped records
 * (JsonConverter, schemas disabled) and read back as parsed reminders.
 *
 * <p>As a field with {@code @RegisterExtension}, each test gets a fresh topology with its own state directory;
 * {@link #TimersDriver(Path)} opens one on a directory the test chooses, to run a topology twice.
 */
final class TimersDriver implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
  static final Duration LEAD = Duration.ofDays(3);
  static final Duration INTERVAL = Duration.ofMillis(250);
  static final Topics TOPICS = Topics.forNamespace("test_");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A reminder as a consumer reads it: key, parsed value and the {@code id} header. */
  record Emitted(String key, JsonNode value, String idHeader) {
    String kind() {
      return value.get("kind").asText();
    }

    String id() {
      return value.get("id").asText();
    }

    Instant at(String field) {
      return Instant.parse(value.get(field).asText());
    }
  }

  TopologyTestDriver driver;
  TestInputTopic<String, String> input;
  TestOutputTopic<String, String> reminders;
  TestOutputTopic<String, String> deadLetters;
  private long elapsed;
  private Path ownStateDir;

  /** Opens nothing yet: the extension opens a topology before each test. */
  TimersDriver() {}

  TimersDriver(Path stateDir) {
    open(stateDir);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    ownStateDir = Files.createTempDirectory("verification-timers-test");
    elapsed = 0;
    open(ownStateDir);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    try (var paths = Files.walk(ownStateDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private void open(Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test_verification-timers");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    driver = new TopologyTestDriver(VerificationTimersTopology.build(TOPICS, LEAD, INTERVAL), props, START);
    input = driver.createInputTopic(TOPICS.verifications(), new StringSerializer(), new StringSerializer());
    reminders = driver.createOutputTopic(TOPICS.reminders(), new StringDeserializer(), new StringDeserializer());
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new StringDeserializer(), new StringDeserializer());
  }

  static String key(String userId, String code) {
    return JSON.createObjectNode().put("user_id", userId).put("neighborhood_code", code).toString();
  }

  /** Debezium's envelope for an insert/update/snapshot read of a row expiring at {@code expiresAt}. */
  static String envelope(String op, String userId, String code, String expiresAt) {
    ObjectNode after = JSON.createObjectNode().put("user_id", userId).put("neighborhood_code", code)
        .put("verified_at", "2026-11-01T00:00:00.000001Z").put("expires_at", expiresAt).put("accuracy_meters", 12.5)
        .put("is_primary", true);
    ObjectNode envelope = JSON.createObjectNode();
    envelope.putNull("before");
    envelope.set("after", after);
    envelope.putObject("source").put("connector", "postgresql").put("lsn", 123).put("snapshot", op.equals("r") ? "true" : "false");
    return envelope.put("op", op).put("ts_ms", START.toEpochMilli()).toString();
  }

  /** Expiry with microseconds, as Debezium writes timestamptz (ZonedTimestamp). */
  static String micros(Instant instant) {
    return instant.toString().replace("Z", "") + (instant.getNano() == 0 ? ".000000Z" : "Z");
  }

  void upsert(String op, String userId, String code, Instant expiresAt) {
    input.pipeInput(key(userId, code), envelope(op, userId, code, micros(expiresAt)));
  }

  /** A delete as Debezium writes it: {@code op: d}, then the tombstone. */
  void delete(String userId, String code) {
    String before = JSON.createObjectNode().put("user_id", userId).put("neighborhood_code", code).toString();
    input.pipeInput(key(userId, code), "{\"before\":" + before + ",\"after\":null,\"op\":\"d\",\"ts_ms\":1}");
    input.pipeInput(key(userId, code), (String) null);
  }

  Instant now() {
    return START.plusMillis(elapsed);
  }

  /** Moves the wall clock; the driver runs the punctuation once for the whole step, as a late loop would. */
  void advance(Duration step) {
    elapsed += step.toMillis();
    driver.advanceWallClockTime(step);
  }

  /** Moves the wall clock to {@code instant} in one step. */
  void advanceTo(Instant instant) {
    advance(Duration.between(now(), instant));
  }

  List<Emitted> emitted() {
    List<Emitted> out = new ArrayList<>();
    for (TestRecord<String, String> record : reminders.readRecordsToList()) {
      Header id = record.headers().lastHeader("id");
      try {
        out.add(new Emitted(record.key(), JSON.readTree(record.value()), id == null ? null : new String(id.value(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new AssertionError("reminder is not JSON: " + record.value(), e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    driver.close();
  }
}
