package kr.petcare.timers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arms, moves and cancels each verification's two timers as its row changes, and fires the due ones from a
 * wall-clock punctuation. Everything one call does (store writes, emitted reminders, the input offset) is
 * committed in one Kafka transaction (exactly_once_v2), so a crash either keeps all of it or none.
 * Time comes only from the context (record processing) or the punctuation's timestamp, so tests drive it.
 */
final class VerificationTimerProcessor implements Processor<byte[], byte[], byte[], byte[]> {

  /** Timers read per range scan; a punctuation loops until none is due, so this bounds memory, not work. */
  static final int SCAN_BATCH = 1000;
  /** The header (and its value) of the connector's snapshot-end marker, written by cdc/runtime's SnapshotEndChannel. */
  static final String SNAPSHOT_END_HEADER = "petcare.marker";
  static final String SNAPSHOT_END = "snapshot-end";
  private static final Logger log = LoggerFactory.getLogger(VerificationTimerProcessor.class);

  private final long leadMillis;
  private final Duration punctuationInterval;
  private final ChangeParser parser = new ChangeParser();
  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<String, PendingTimers> expiries;
  private KeyValueStore<String, Long> timers;

  VerificationTimerProcessor(Duration expiringLead, Duration punctuationInterval) {
    this.leadMillis = expiringLead.toMillis();
    this.punctuationInterval = punctuationInterval;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.expiries = context.getStateStore(VerificationTimersTopology.EXPIRIES_STORE);
    this.timers = context.getStateStore(VerificationTimersTopology.TIMERS_STORE);
    // Wall-clock punctuations are skipped, not replayed, when the loop is late: fireDue takes everything
    // due up to now, so a skipped one delays timers but never loses them.
    context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDue);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (isSnapshotEnd(record)) {
      try {
        forgetAtSnapshotEnd(parser.parseSnapshotEnd(record.value()));
      } catch (MalformedChangeException e) {
        deadLetter(record, e.getMessage());
      }
      return;
    }
    VerificationChange change;
    try {
      change = parser.parse(record.key(), record.value());
    } catch (MalformedChangeException e) {
      deadLetter(record, e.getMessage());
      return;
    }
    if (change instanceof VerificationChange.Upsert upsert) {
      arm(upsert);
      if (upsert.lastOfSnapshot()) forgetUnread(upsert.snapshotLsn());
    } else {
      forget(change.key());
    }
  }

  /** A new or changed expiry cancels the pending timers and arms new ones; the same expiry again does nothing. */
  private void arm(VerificationChange.Upsert change) {
    VerificationKey key = change.key();
    PendingTimers stored = expiries.get(key.storeKey());
    long expiresAt = change.expiresAtMillis();
    long snapshotLsn = change.snapshotLsn() > 0 ? change.snapshotLsn() : stored == null ? 0 : stored.snapshotLsn();
    if (stored != null && stored.expiresAtMillis() == expiresAt) {
      if (stored.snapshotLsn() != snapshotLsn) expiries.put(key.storeKey(), stored.readBySnapshot(snapshotLsn));
      return;
    }
    cancel(key, stored);
    long now = context.currentSystemTimeMs();
    // An expiry already past gets no "expiring soon"; one whose lead has started gets it at the next punctuation.
    long expiringDue = expiresAt > now ? Math.max(0, expiresAt - leadMillis) : PendingTimers.NONE;
    long expiredDue = Math.max(0, expiresAt);
    if (expiringDue != PendingTimers.NONE) {
      timers.put(new TimerKey(expiringDue, ReminderKind.VERIFICATION_EXPIRING, key).encode(), expiresAt);
    }
    timers.put(new TimerKey(expiredDue, ReminderKind.VERIFICATION_EXPIRED, key).encode(), expiresAt);
    expiries.put(key.storeKey(), new PendingTimers(expiresAt, expiringDue, expiredDue, snapshotLsn));
  }

  private void forget(VerificationKey key) {
    PendingTimers stored = expiries.get(key.storeKey());
    if (stored == null) return;
    cancel(key, stored);
    expiries.delete(key.storeKey());
  }

  /**
   * The connector's marker, in each partition, that a snapshot has read the table (cdc/README.md, "Snapshot-end
   * markers"): every read of that snapshot in this partition, whose verifications are this task's, is before it.
   */
  private static boolean isSnapshotEnd(Record<byte[], byte[]> record) {
    Header marker = record.headers().lastHeader(SNAPSHOT_END_HEADER);
    return marker != null && SNAPSHOT_END.equals(new String(marker.value(), UTF_8));
  }

  /**
   * After the last read of a snapshot at {@code lsn}: a verification the snapshot did not read was deleted while the
   * connector was away (its slot and offsets gone, then a new snapshot), and no delete event will ever say so.
   */
  private void forgetUnread(long lsn) {
    int forgotten = forgetReadBefore(lsn);
    if (forgotten > 0) {
      log.info("snapshot at lsn {} did not read {} verification(s) (deleted while the connector was away): their timers cancelled",
          lsn, forgotten);
    }
  }

  /**
   * At a snapshot-end marker: a verification of this partition the snapshot did not read was deleted while the
   * connector was away. The table's last read does the same, but reaches one partition only; an empty table has none.
   * Rows committed after the snapshot follow the marker in the topic and arm their timers again.
   */
  private void forgetAtSnapshotEnd(long lsn) {
    int forgotten = forgetReadBefore(lsn);
    RecordMetadata source = context.recordMetadata().orElseThrow();
    log.info("snapshot at lsn {} ended in {}-{} (offset {}): {} verification(s) it did not read (deleted meanwhile) forgotten, their timers cancelled",
        lsn, source.topic(), source.partition(), source.offset(), forgotten);
  }

  /** Forgets, with their timers, the verifications last read by a snapshot before {@code lsn} (or by none); returns how many. */
  private int forgetReadBefore(long lsn) {
    List<String> unread = new ArrayList<>();
    // Collected, then deleted: the store is not written while its iterator is open.
    try (KeyValueIterator<String, PendingTimers> it = expiries.all()) {
      while (it.hasNext()) {
        KeyValue<String, PendingTimers> entry = it.next();
        if (entry.value.snapshotLsn() < lsn) unread.add(entry.key);
      }
    }
    for (String storeKey : unread) forget(VerificationKey.fromStoreKey(storeKey));
    return unread.size();
  }

  private void cancel(VerificationKey key, PendingTimers stored) {
    if (stored == null) return;
    for (ReminderKind kind : ReminderKind.values()) {
      long due = stored.dueOf(kind);
      if (due != PendingTimers.NONE) timers.delete(new TimerKey(due, kind, key).encode());
    }
  }

  /** Fires every timer due at or before {@code now}, earliest first, deleting each in the same step. */
  private void fireDue(long now) {
    FiredBatch batch = new FiredBatch(context.taskId().toString(), now);
    List<KeyValue<String, Long>> due = new ArrayList<>();
    do {
      due.clear();
      // Collected, then handled: the store is not written while its iterator is open.
      try (KeyValueIterator<String, Long> it = timers.range(TimerKey.lowest(), TimerKey.upTo(now))) {
        while (it.hasNext() && due.size() < SCAN_BATCH) due.add(it.next());
      }
      for (KeyValue<String, Long> entry : due) fire(TimerKey.decode(entry.key), entry.value, now, batch);
    } while (due.size() == SCAN_BATCH);
    batch.log(log);
  }

  private void fire(TimerKey timer, long expiresAt, long now, FiredBatch batch) {
    timers.delete(timer.encode());
    String storeKey = timer.key().storeKey();
    PendingTimers state = expiries.get(storeKey);
    if (state == null || state.expiresAtMillis() != expiresAt || state.dueOf(timer.kind()) != timer.dueAtMillis()) {
      batch.stale++;
      return;
    }
    expiries.put(storeKey, state.without(timer.kind()));
    if (timer.kind() == ReminderKind.VERIFICATION_EXPIRING && expiresAt <= now) {
      // Missed while the app was down or late: the expiry itself is past, so "expiring soon" would be false.
      batch.superseded++;
      return;
    }
    Reminder reminder = new Reminder(timer.kind(), timer.key(), expiresAt, timer.dueAtMillis(), now);
    Headers headers = new RecordHeaders().add("id", reminder.id().getBytes(UTF_8));
    context.forward(new Record<>(timer.key().userId().getBytes(UTF_8), reminder.toJson(), now, headers),
        VerificationTimersTopology.REMINDERS_SINK);
    batch.emitted(reminder);
  }

  private void deadLetter(Record<byte[], byte[]> record, String reason) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    log.warn("change at {}-{} offset {} cannot be read ({}): sent to the dead-letter topic", source.topic(), source.partition(),
        source.offset(), reason);
    Headers headers = new RecordHeaders(record.headers().toArray())
        .add("dlq.reason", reason.getBytes(UTF_8))
        .add("dlq.source.topic", source.topic().getBytes(UTF_8))
        .add("dlq.source.partition", Integer.toString(source.partition()).getBytes(UTF_8))
        .add("dlq.source.offset", Long.toString(source.offset()).getBytes(UTF_8))
        .add("dlq.consumer.group", context.applicationId().getBytes(UTF_8))
        .add("dlq.failed.at", Reminder.iso(context.currentSystemTimeMs()).getBytes(UTF_8));
    context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers),
        VerificationTimersTopology.DEAD_LETTERS_SINK);
  }
}
