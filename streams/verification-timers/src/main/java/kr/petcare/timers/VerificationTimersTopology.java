package kr.petcare.timers;

import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * verification changes → timer processor (two RocksDB stores, changelog-backed) → reminders | dead letters.
 * One sub-topology, no repartition: each task owns one input partition and the timers of the keys in it.
 */
public final class VerificationTimersTopology {

  /** Per verification ({@code <userId>|<code>}): its expiry and which of its timers are pending. */
  public static final String EXPIRIES_STORE = "expiry-by-verification";
  /** Pending timers keyed by {@link TimerKey} (due time first), value = the expiry they belong to. */
  public static final String TIMERS_STORE = "timers-by-due-time";
  static final String SOURCE = "verification-changes";
  static final String PROCESSOR = "verification-timers";
  static final String REMINDERS_SINK = "reminders";
  static final String DEAD_LETTERS_SINK = "dead-letters";

  private VerificationTimersTopology() {}

  /** The topology for these topics, lead and punctuation interval. */
  public static Topology build(Topics topics, Duration expiringLead, Duration punctuationInterval) {
    Serde<PendingTimers> pendingSerde = Serdes.serdeFrom(
        (topic, value) -> value == null ? null : value.toBytes(),
        (topic, bytes) -> bytes == null ? null : PendingTimers.fromBytes(bytes));
    Topology topology = new Topology();
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.verifications());
    topology.addProcessor(PROCESSOR, () -> new VerificationTimerProcessor(expiringLead, punctuationInterval), SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRIES_STORE), Serdes.String(), pendingSerde), PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE), Serdes.String(), Serdes.Long()), PROCESSOR);
    topology.addSink(REMINDERS_SINK, topics.reminders(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
    topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
    return topology;
  }
}
