package petcare.cdc.notifications;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Configuration;
import io.debezium.function.BlockingConsumer;
import io.debezium.pipeline.notification.Notification;
import io.debezium.pipeline.notification.channels.ConnectChannel;
import io.debezium.pipeline.notification.channels.NotificationChannel;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.pipeline.spi.Offsets;
import io.debezium.pipeline.spi.Partition;
import io.debezium.schema.SchemaFactory;

/**
 * A Debezium notification channel that writes a snapshot-end marker into EVERY partition of each table's topic when a
 * snapshot has completed.
 *
 * <p>Consumers reconcile a copy after a re-snapshot: a key the snapshot did not read was deleted while the connector
 * was away. They may do so only where every read of the snapshot is behind them, which the topic guarantees per
 * partition only. The table's last read ({@code source.snapshot = last}) lands in one partition, and an empty table
 * has no read at all, so neither can tell a consumer of a topic of several partitions (the 동네인증 topic has three)
 * that a given partition's reads are over. Debezium's notifications are queued in order with the snapshot's records;
 * this channel answers the snapshot's {@code COMPLETED} with one marker per scanned table and partition, into the
 * same queue: after every read and before anything streamed. Not at a table's {@code TABLE_SCAN_COMPLETED}: Debezium
 * holds each table's last read back until the next record (to flag it {@code last}), so that read follows it, and a
 * consumer that reconciled there removed a row the snapshot had read. A transform cannot do any of this: it turns one
 * record into at most one.
 *
 * <p>The marker (cdc/README.md, "Snapshot-end markers"): key {@code {"snapshot_end": "<schema>.<table>", "partition":
 * n}} (one per partition, so compaction keeps the latest of each), value {@code {"snapshot_end": "<schema>.<table>",
 * "lsn": <snapshot LSN>, "ts_ms": <notification time>, "partitions": <partition count>}}, header {@value #HEADER} =
 * {@value #HEADER_VALUE}.
 *
 * <p>Configured on the connector: {@code notification.enabled.channels} lists {@value #NAME};
 * {@value #BOOTSTRAP_CONFIG} names the brokers to read the topic's partition count from; {@value #EXCLUDE_CONFIG}
 * lists tables whose topic gets no marker (an outbox table routed elsewhere).
 */
public class SnapshotEndChannel implements NotificationChannel, ConnectChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotEndChannel.class);

    /** The channel's name in {@code notification.enabled.channels}. */
    public static final String NAME = "petcare-snapshot-end";
    /** The header that tells a marker from a change event. */
    public static final String HEADER = "petcare.marker";
    public static final String HEADER_VALUE = "snapshot-end";
    public static final String BOOTSTRAP_CONFIG = "notification." + NAME + ".bootstrap.servers";
    public static final String EXCLUDE_CONFIG = "notification." + NAME + ".tables.exclude";

    private static final long DESCRIBE_TIMEOUT_SECONDS = 30;

    private static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("petcare.cdc.SnapshotEndKey")
            .field("snapshot_end", Schema.STRING_SCHEMA)
            .field("partition", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    private static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("petcare.cdc.SnapshotEnd")
            .field("snapshot_end", Schema.STRING_SCHEMA)
            .field("lsn", Schema.INT64_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("partitions", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    private String topicPrefix;
    private String bootstrapServers;
    private Set<String> excluded = Set.of();
    private BlockingConsumer<SourceRecord> queue;
    /** Tables the running snapshot has scanned, with the snapshot's LSN, in scan order; markers go out at its end. */
    private final Map<String, Long> scanned = new LinkedHashMap<>();

    @Override
    public void init(CommonConnectorConfig config) {
        topicPrefix = config.getLogicalName();
        Configuration raw = config.getConfig();
        bootstrapServers = raw.getString(BOOTSTRAP_CONFIG);
        String exclude = raw.getString(EXCLUDE_CONFIG, "");
        excluded = Arrays.stream(exclude.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            LOG.warn("{} is not set: a snapshot-end marker goes to one partition of its topic, so a topic of several partitions "
                    + "is reconciled on that one only", BOOTSTRAP_CONFIG);
        }
    }

    @Override
    public void initConnectChannel(SchemaFactory schemaFactory, BlockingConsumer<SourceRecord> consumer) {
        this.queue = consumer;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Without the snapshot's offsets a marker could be neither placed nor given its LSN: only the variant below writes. */
    @Override
    public void send(Notification notification) {
    }

    @Override
    public <P extends Partition, O extends OffsetContext> void send(Notification notification, Offsets<P, O> offsets) {
        if (!"Initial Snapshot".equals(notification.getAggregateType())) return;
        O offset = offsets.getTheOnlyOffset();
        Map<String, ?> sourceOffset = offset == null ? Map.of() : offset.getOffset();
        switch (notification.getType()) {
            case "STARTED", "ABORTED" -> scanned.clear();
            case "TABLE_SCAN_COMPLETED" -> {
                Map<String, String> data = notification.getAdditionalData();
                String table = data == null ? null : data.get("scanned_collection");
                if (table == null || !"SUCCEEDED".equals(data.get("status")) || excluded.contains(table)) return;
                Long lsn = lsn(sourceOffset);
                if (lsn == null) {
                    LOG.warn("Snapshot of table {} completed without an LSN in its source offset; no snapshot-end marker will be written, "
                            + "so copies of {} are not reconciled at it", table, table);
                    return;
                }
                scanned.put(table, lsn);
            }
            case "COMPLETED" -> {
                Map<String, ?> sourcePartition = offsets.getTheOnlyPartition().getSourcePartition();
                try {
                    Map<String, Integer> partitions = partitionCounts(scanned.keySet().stream().map(this::topicOf).toList());
                    for (Map.Entry<String, Long> table : scanned.entrySet()) {
                        String topic = topicOf(table.getKey());
                        writeMarkers(table.getKey(), topic, partitions.getOrDefault(topic, 0), table.getValue(), notification.getTimestamp(),
                                sourcePartition, sourceOffset);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.warn("Interrupted while queueing snapshot-end markers; copies are not reconciled at this snapshot");
                } finally {
                    scanned.clear();
                }
            }
            default -> {
            }
        }
    }

    private String topicOf(String table) {
        return topicPrefix + "." + table;
    }

    private void writeMarkers(String table, String topic, int partitions, long lsn, Long timestamp, Map<String, ?> sourcePartition,
            Map<String, ?> sourceOffset) throws InterruptedException {
        List<Integer> targets = partitions > 0 ? IntStream.range(0, partitions).boxed().toList() : Collections.singletonList(null);
        for (Integer partition : targets) {
            Struct key = new Struct(KEY_SCHEMA).put("snapshot_end", table).put("partition", partition);
            Struct value = new Struct(VALUE_SCHEMA).put("snapshot_end", table).put("lsn", lsn)
                    .put("ts_ms", timestamp).put("partitions", partitions > 0 ? partitions : null);
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString(HEADER, HEADER_VALUE);
            queue.accept(new SourceRecord(sourcePartition, sourceOffset, topic, partition, KEY_SCHEMA, key, VALUE_SCHEMA, value, timestamp, headers));
        }
        LOG.info("Snapshot at lsn {} completed: snapshot-end marker written to {} ({})", lsn, topic,
                partitions > 0 ? "each of its " + partitions + " partition(s)" : "one partition");
    }

    /**
     * The partition count of each topic, on one admin connection; a topic is absent when its count cannot be known: it
     * does not exist yet (Connect creates it with the marker, with the connector's topic.creation settings) or the
     * brokers did not answer. Its marker then goes to one partition, which reconciles that partition only: a copy may
     * keep stale rows, but never loses one.
     */
    private Map<String, Integer> partitionCounts(List<String> topics) {
        Map<String, Integer> counts = new HashMap<>();
        if (bootstrapServers == null || bootstrapServers.isBlank() || topics.isEmpty()) return counts;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "petcare-snapshot-end-" + topicPrefix);
        try (Admin admin = Admin.create(props)) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
            for (String topic : topics) {
                try {
                    counts.put(topic, described.get(topic).get(DESCRIBE_TIMEOUT_SECONDS, TimeUnit.SECONDS).partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        LOG.warn("Could not read the partition count of {} ({}); its snapshot-end marker goes to one partition", topic,
                                e.getCause().toString());
                    }
                } catch (TimeoutException e) {
                    LOG.warn("Could not read the partition count of {} within {} s; its snapshot-end marker goes to one partition", topic,
                            DESCRIBE_TIMEOUT_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            LOG.warn("Could not reach the brokers at {} ({}); the snapshot-end markers go to one partition each", BOOTSTRAP_CONFIG, e.toString());
        }
        return counts;
    }

    private static Long lsn(Map<String, ?> sourceOffset) {
        Object lsn = sourceOffset.get("lsn");
        if (lsn instanceof Number n) return n.longValue();
        if (lsn instanceof String s && s.matches("\\d+")) return Long.parseLong(s);
        return null;
    }

    @Override
    public void close() {
    }
}
