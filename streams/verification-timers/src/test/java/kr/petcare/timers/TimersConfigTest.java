package kr.petcare.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment is validated at start; a bad variable is named in the error. */
class TimersConfigTest {

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BROKERS", "127.0.0.1:9092");
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  @Test
  void defaults() {
    TimersConfig config = TimersConfig.fromEnv(env());
    assertEquals("verification-timers", config.applicationId());
    assertEquals("neighborhoods.public.neighborhood_verification", config.topics().verifications());
    assertEquals("verification.reminders", config.topics().reminders());
    assertEquals("verification-timers.cdc.dlq", config.topics().deadLetters());
    assertEquals(Duration.ofDays(3), config.expiringLead());
    assertEquals(Duration.ofMillis(250), config.punctuationInterval());
    assertEquals(3, config.partitions());
    assertEquals(-1, config.replicationFactor());
    assertEquals(1, config.standbyReplicas());
    assertEquals(4005, config.port());
  }

  @Test
  void theNamespacePrefixesTopicsAndTheApplicationId() {
    TimersConfig config = TimersConfig.fromEnv(env("CDC_TOPIC_NAMESPACE", "e2e_ab12_"));
    assertEquals("e2e_ab12_verification-timers", config.applicationId());
    assertEquals("e2e_ab12_neighborhoods.public.neighborhood_verification", config.topics().verifications());
    assertEquals("e2e_ab12_verification.reminders", config.topics().reminders());
  }

  @Test
  void aBadVariableIsNamed() {
    assertMessage("KAFKA_BROKERS is required", env("KAFKA_BROKERS", ""));
    assertMessage("KAFKA_BROKERS must be host:port[,host:port…] (got \"kafka\")", env("KAFKA_BROKERS", "kafka"));
    assertMessage("TIMERS_EXPIRING_LEAD must be an ISO-8601 duration such as P3D or PT10S (got \"3 days\")",
        env("TIMERS_EXPIRING_LEAD", "3 days"));
    assertMessage("TIMERS_PUNCTUATION_INTERVAL must be between PT0.01S and PT1M (got PT0S)", env("TIMERS_PUNCTUATION_INTERVAL", "PT0S"));
    assertMessage("TIMERS_TOPIC_PARTITIONS must be an integer (got \"three\")", env("TIMERS_TOPIC_PARTITIONS", "three"));
    assertMessage("TIMERS_REPLICATION_FACTOR must be -1 (the broker's default) or at least 1", env("TIMERS_REPLICATION_FACTOR", "0"));
    assertMessage("CDC_TOPIC_NAMESPACE may hold only letters, digits, '.', '_' and '-' (got \"a b\")", env("CDC_TOPIC_NAMESPACE", "a b"));
    assertMessage("LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent (got \"loud\")", env("LOG_LEVEL", "loud"));
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    assertEquals(expected, assertThrows(TimersConfig.InvalidConfigException.class, () -> TimersConfig.fromEnv(env)).getMessage());
  }
}
