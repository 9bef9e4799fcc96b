package kr.petcare.timers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application's configuration, read once from the environment at start and validated there: a
 * missing or malformed variable stops the process with the variable's name and what was wrong.
 *
 * @param brokers              KAFKA_BROKERS: bootstrap servers, {@code host:port[,host:port…]} (required)
 * @param topics               input, output and dead-letter topics, named from CDC_TOPIC_NAMESPACE
 * @param applicationId        TIMERS_APPLICATION_ID: the Streams application id, shared by every instance
 *                             (default {@code <namespace>verification-timers})
 * @param stateDir             TIMERS_STATE_DIR: where RocksDB keeps the stores (default Streams' own,
 *                             {@code <java.io.tmpdir>/kafka-streams}); one per instance on a shared host
 * @param expiringLead         TIMERS_EXPIRING_LEAD: how long before the expiry the "expiring" reminder is due
 *                             (ISO-8601 duration, default P3D)
 * @param punctuationInterval  TIMERS_PUNCTUATION_INTERVAL: how often each task looks for due timers
 *                             (ISO-8601 duration, default PT0.25S)
 * @param partitions           TIMERS_TOPIC_PARTITIONS: partitions of the topics the app creates when missing
 *                             (default 3); the input's count bounds how many instances can share the work
 * @param replicationFactor    TIMERS_REPLICATION_FACTOR: of those topics and the changelogs (default -1 =
 *                             the broker's default.replication.factor)
 * @param standbyReplicas      TIMERS_STANDBY_REPLICAS: warm copies of each task's stores on other instances
 *                             (default 1)
 * @param sessionTimeout       TIMERS_SESSION_TIMEOUT: how long the group waits for a silent instance before
 *                             giving its tasks away (ISO-8601, default PT6S, the broker's minimum)
 * @param transactionTimeout   TIMERS_TRANSACTION_TIMEOUT: how long a crashed instance's open transaction can
 *                             hold back read_committed consumers (ISO-8601, default PT5S)
 * @param host                 HOST: where GET /health listens (default 127.0.0.1)
 * @param port                 PORT: its port (default 4005, the one after the four subgraphs)
 * @param logLevel             LOG_LEVEL: fatal|error|warn|info|debug|trace|silent, as for the other services
 */
public record TimersConfig(
    String brokers,
    Topics topics,
    String applicationId,
    Path stateDir,
    Duration expiringLead,
    Duration punctuationInterval,
    int partitions,
    short replicationFactor,
    int standbyReplicas,
    Duration sessionTimeout,
    Duration transactionTimeout,
    String host,
    int port,
    String logLevel) {

  private static final Pattern BROKER = Pattern.compile("[^\\s,:]+:\\d{1,5}");
  private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9._-]*");
  private static final Set<String> LOG_LEVELS = Set.of("fatal", "error", "warn", "info", "debug", "trace", "silent");

  /** A variable that is missing or malformed; the message names it. */
  public static final class InvalidConfigException extends RuntimeException {
    InvalidConfigException(String variable, String problem) {
      super(variable + " " + problem);
    }
  }

  /** Reads and validates every variable; throws {@link InvalidConfigException} on the first bad one. */
  public static TimersConfig fromEnv(Map<String, String> env) {
    String brokers = required(env, "KAFKA_BROKERS");
    for (String broker : brokers.split(",")) {
      if (!BROKER.matcher(broker.trim()).matches()) {
        throw new InvalidConfigException("KAFKA_BROKERS", "must be host:port[,host:port…] (got \"" + brokers + "\")");
      }
    }
    String namespace = env.getOrDefault("CDC_TOPIC_NAMESPACE", "");
    if (!TOPIC_CHARS.matcher(namespace).matches()) {
      throw new InvalidConfigException("CDC_TOPIC_NAMESPACE", "may hold only letters, digits, '.', '_' and '-' (got \"" + namespace + "\")");
    }
    String applicationId = optional(env, "TIMERS_APPLICATION_ID", namespace + "verification-timers");
    if (!TOPIC_CHARS.matcher(applicationId).matches()) {
      throw new InvalidConfigException("TIMERS_APPLICATION_ID", "may hold only letters, digits, '.', '_' and '-' (got \"" + applicationId + "\")");
    }
    Path stateDir = Path.of(optional(env, "TIMERS_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()));
    Duration lead = duration(env, "TIMERS_EXPIRING_LEAD", "P3D", Duration.ofMillis(1), Duration.ofDays(30));
    Duration interval = duration(env, "TIMERS_PUNCTUATION_INTERVAL", "PT0.25S", Duration.ofMillis(10), Duration.ofMinutes(1));
    int partitions = integer(env, "TIMERS_TOPIC_PARTITIONS", 3, 1, 1000);
    int replication = integer(env, "TIMERS_REPLICATION_FACTOR", -1, -1, Short.MAX_VALUE);
    if (replication == 0) throw new InvalidConfigException("TIMERS_REPLICATION_FACTOR", "must be -1 (the broker's default) or at least 1");
    int standbys = integer(env, "TIMERS_STANDBY_REPLICAS", 1, 0, 10);
    Duration session = duration(env, "TIMERS_SESSION_TIMEOUT", "PT6S", Duration.ofSeconds(1), Duration.ofMinutes(30));
    Duration transaction = duration(env, "TIMERS_TRANSACTION_TIMEOUT", "PT5S", Duration.ofSeconds(1), Duration.ofMinutes(15));
    String host = optional(env, "HOST", "127.0.0.1");
    int port = integer(env, "PORT", 4005, 0, 65535);
    String logLevel = optional(env, "LOG_LEVEL", "info").toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      throw new InvalidConfigException("LOG_LEVEL", "must be one of fatal|error|warn|info|debug|trace|silent (got \"" + logLevel + "\")");
    }
    return new TimersConfig(brokers, Topics.forNamespace(namespace), applicationId, stateDir, lead, interval, partitions,
        (short) replication, standbys, session, transaction, host, port, logLevel);
  }

  /** log4j2's name for {@link #logLevel()}. */
  public String log4jLevel() {
    return logLevel.equals("silent") ? "OFF" : logLevel.toUpperCase(Locale.ROOT);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) throw new InvalidConfigException(name, "is required");
    return value.trim();
  }

  private static String optional(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static Duration duration(Map<String, String> env, String name, String fallback, Duration min, Duration max) {
    String raw = optional(env, name, fallback);
    Duration value;
    try {
      value = Duration.parse(raw);
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException(name, "must be an ISO-8601 duration such as " + fallback + " or PT10S (got \"" + raw + "\")");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidConfigException(name, "must be between " + min + " and " + max + " (got " + raw + ")");
    }
    return value;
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String raw = optional(env, name, Integer.toString(fallback));
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(name, "must be an integer (got \"" + raw + "\")");
    }
    if (value < min || value > max) throw new InvalidConfigException(name, "must be between " + min + " and " + max + " (got " + value + ")");
    return value;
  }
}
