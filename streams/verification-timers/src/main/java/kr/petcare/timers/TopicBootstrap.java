package kr.petcare.timers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the input, output and dead-letter topics when missing, before Streams starts (it refuses to start
 * without its source topic). Several instances may race to create them: "already exists" is success.
 * An existing topic is never altered: adding partitions to the keyed input would move keys to other
 * partitions, away from the task whose stores hold their timers.
 */
final class TopicBootstrap {

  private static final Logger log = LoggerFactory.getLogger(TopicBootstrap.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicBootstrap() {}

  static void ensure(Admin admin, TimersConfig config) throws InterruptedException, TimeoutException {
    Topics topics = config.topics();
    List<String> names = List.of(topics.verifications(), topics.reminders(), topics.deadLetters());
    List<NewTopic> missing = new ArrayList<>();
    Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names).topicNameValues();
    for (String name : names) {
      try {
        int count = described.get(name).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).partitions().size();
        log.info("topic {}: exists with {} partition(s)", name, count);
        if (name.equals(topics.verifications()) && count < config.partitions()) {
          log.warn("topic {} has {} partition(s), fewer than TIMERS_TOPIC_PARTITIONS={}: at most {} instance(s) can share the work;"
              + " it is left as it is (more partitions would move keys away from the task holding their timers)",
              name, count, config.partitions(), count);
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw new IllegalStateException("describing " + name, e.getCause());
        Optional<Short> replication = config.replicationFactor() < 0 ? Optional.empty() : Optional.of(config.replicationFactor());
        missing.add(new NewTopic(name, Optional.of(config.partitions()), replication));
      }
    }
    if (missing.isEmpty()) return;
    Map<String, KafkaFuture<Void>> created = admin.createTopics(missing).values();
    for (NewTopic topic : missing) {
      try {
        created.get(topic.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        log.info("topic {}: created with {} partition(s)", topic.name(), config.partitions());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("creating " + topic.name(), e.getCause());
        log.info("topic {}: created meanwhile by another instance", topic.name());
      }
    }
  }
}
