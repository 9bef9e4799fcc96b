package kr.petcare.timers;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the application: validates the environment, creates missing topics, runs the topology, serves
 * GET /health, and on SIGTERM/SIGINT closes Streams cleanly (committing the open transaction). A fatal
 * error of the Streams client ends the process with exit code 1, so the launcher sees the crash.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    TimersConfig config;
    try {
      config = TimersConfig.fromEnv(System.getenv());
    } catch (TimersConfig.InvalidConfigException e) {
      System.err.println("verification-timers: invalid configuration: " + e.getMessage());
      System.exit(1);
      return;
    }
    // Read by log4j2.properties; set before the first logger exists.
    System.setProperty("timers.log.level", config.log4jLevel());
    System.setProperty("timers.kafka.log.level", kafkaLogLevel(config.logLevel()));
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("starting {}: brokers {}, {} -> {}, lead {}, punctuation every {}, {} partition(s), {} standby replica(s), state in {}",
        config.applicationId(), config.brokers(), config.topics().verifications(), config.topics().reminders(),
        config.expiringLead(), config.punctuationInterval(), config.partitions(), config.standbyReplicas(), config.stateDir());

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.brokers()))) {
      TopicBootstrap.ensure(admin, config);
    } catch (TimeoutException e) {
      log.error("Kafka at KAFKA_BROKERS={} did not answer within 60 s", config.brokers());
      System.exit(1);
    } catch (RuntimeException e) {
      log.error("cannot prepare the topics on KAFKA_BROKERS={}: {}", config.brokers(), e.getCause() != null ? e.getCause() : e);
      System.exit(1);
    }

    KafkaStreams streams = new KafkaStreams(
        VerificationTimersTopology.build(config.topics(), config.expiringLead(), config.punctuationInterval()), streamsProperties(config));
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean shuttingDown = new AtomicBoolean(false);
    streams.setStateListener((next, previous) -> {
      log.info("state {} -> {}{}", previous, next, next == KafkaStreams.State.RUNNING ? "; " + tasks(streams) : "");
      if (next == KafkaStreams.State.ERROR || (next == KafkaStreams.State.NOT_RUNNING && !shuttingDown.get())) stopped.countDown();
    });
    streams.setUncaughtExceptionHandler(error -> {
      log.error("stream thread failed; stopping this instance (another one, or a restart, takes its tasks over)", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    HealthServer health = new HealthServer(config.host(), config.port(), streams, config.applicationId());
    int port = health.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shuttingDown.set(true);
      log.info("stopping: closing Kafka Streams (commits the open transaction, leaves the group)");
      // Leaving hands this instance's tasks to the others at once instead of after the session timeout.
      streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
      health.close();
      log.info("stopped");
    }, "shutdown"));
    streams.start();
    log.info("GET http://{}:{}/health answers 200 once RUNNING", config.host(), port);
    stopped.await();
    log.error("Kafka Streams stopped on its own (state {}); exiting", streams.state());
    System.exit(1);
  }

  static Properties streamsProperties(TimersConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.brokers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
    // No global stores here; set to Kafka 5's default only so 4.x does not warn about it at every start.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Takeover after a crash waits for the group to notice the silent member...
    long session = config.sessionTimeout().toMillis();
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
    // (a heartbeat every session/6: the survivor hears of the rebalance at most that long after the coordinator starts it)
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(500, session / 6));
    // ...and for the broker to abort the dead member's open transaction, which holds back read_committed readers.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) config.transactionTimeout().toMillis());
    return props;
  }

  private static String tasks(KafkaStreams streams) {
    Set<String> active = new TreeSet<>();
    Set<String> standby = new TreeSet<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      thread.activeTasks().forEach(t -> active.add(t.taskId().toString()));
      thread.standbyTasks().forEach(t -> standby.add(t.taskId().toString()));
    }
    return "active tasks " + active + ", standby " + standby;
  }

  /** Kafka's own INFO is many lines per rebalance: shown from LOG_LEVEL=debug on, warnings always. */
  private static String kafkaLogLevel(String level) {
    return switch (level) {
      case "debug", "trace" -> "INFO";
      case "info", "warn" -> "WARN";
      case "silent" -> "OFF";
      default -> level.toUpperCase(java.util.Locale.ROOT);
    };
  }
}
