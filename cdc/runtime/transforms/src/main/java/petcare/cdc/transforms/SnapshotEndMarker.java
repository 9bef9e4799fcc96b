package petcare.cdc.transforms;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Debezium's notification that a snapshot scanned an EMPTY table into a marker record in that table's own
 * topic, and drops every other notification.
 *
 * <p>Consumers reconcile a copy after a re-snapshot when they apply the last read of a table
 * ({@code source.snapshot = last}): a key the snapshot did not read was deleted while the connector was away. An
 * empty table has no read to carry that mark, so its copy kept every row. Debezium reports the empty scan only as a
 * notification ({@code Initial Snapshot}, {@code TABLE_SCAN_COMPLETED}, {@code total_rows_scanned = 0}) on a topic of
 * its own, where a consumer cannot place it against the table's changes. The notification is queued in order with
 * the snapshot's reads and passes the transforms in that order, so rewritten here it lands in the table's partition
 * after every read of the snapshot and before anything streamed; its source offset holds the snapshot's LSN.
 *
 * <p>The marker: key {@code {"snapshot_end": "<schema>.<table>"}} (one per table, so compaction keeps the latest),
 * value {@code {"snapshot_end": "<schema>.<table>", "lsn": <snapshot LSN>, "ts_ms": <notification time>}}, header
 * {@value #HEADER} = {@value #HEADER_VALUE}. Consumers tell it by the header (cdc/README.md, "Snapshot-end markers").
 */
public class SnapshotEndMarker<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotEndMarker.class);

    /** The header that tells a marker from a change event. */
    public static final String HEADER = "petcare.marker";
    public static final String HEADER_VALUE = "snapshot-end";

    public static final String NOTIFICATION_TOPIC_CONFIG = "notification.topic";
    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String EXCLUDE_CONFIG = "tables.exclude";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(NOTIFICATION_TOPIC_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "The connector's notification.sink.topic.name: records of this topic are notifications.")
            .define(TOPIC_PREFIX_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "The connector's topic.prefix: a table's topic is <prefix>.<schema>.<table>.")
            .define(EXCLUDE_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.MEDIUM,
                    "Tables (<schema>.<table>) whose topic gets no marker, e.g. an outbox table routed elsewhere.");

    private static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("petcare.cdc.SnapshotEndKey")
            .field("snapshot_end", Schema.STRING_SCHEMA).build();
    private static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("petcare.cdc.SnapshotEnd")
            .field("snapshot_end", Schema.STRING_SCHEMA)
            .field("lsn", Schema.INT64_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private String notificationTopic;
    private String topicPrefix;
    private Set<String> excluded;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        notificationTopic = config.getString(NOTIFICATION_TOPIC_CONFIG);
        topicPrefix = config.getString(TOPIC_PREFIX_CONFIG);
        List<String> exclude = config.getList(EXCLUDE_CONFIG);
        excluded = new HashSet<>(exclude);
    }

    @Override
    public R apply(R record) {
        if (!notificationTopic.equals(record.topic())) return record;
        // Every notification ends here: the notification topic is no contract of this system, only the marker is.
        if (!(record.value() instanceof Struct notification)) return null;
        if (!"Initial Snapshot".equals(field(notification, "aggregate_type"))
                || !"TABLE_SCAN_COMPLETED".equals(field(notification, "type"))) return null;
        Map<?, ?> data = notification.schema().field("additional_data") == null ? null : notification.getMap("additional_data");
        if (data == null) return null;
        String table = String.valueOf(data.get("scanned_collection"));
        if (!"SUCCEEDED".equals(data.get("status")) || !"0".equals(String.valueOf(data.get("total_rows_scanned")))
                || excluded.contains(table)) return null;
        Long lsn = snapshotLsn(record);
        if (lsn == null) {
            LOG.warn("Snapshot of empty table {} completed without an LSN in its source offset; no snapshot-end marker written, "
                    + "so copies of {} are not reconciled", table, table);
            return null;
        }
        Struct key = new Struct(KEY_SCHEMA).put("snapshot_end", table);
        Object ts = notification.schema().field("timestamp") == null ? null : notification.get("timestamp");
        Struct value = new Struct(VALUE_SCHEMA).put("snapshot_end", table).put("lsn", lsn)
                .put("ts_ms", ts instanceof Number n ? n.longValue() : null);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER, HEADER_VALUE);
        LOG.info("Snapshot of empty table {} at lsn {}: snapshot-end marker written to {}.{}", table, lsn, topicPrefix, table);
        return record.newRecord(topicPrefix + "." + table, null, KEY_SCHEMA, key, VALUE_SCHEMA, value, record.timestamp(), headers);
    }

    private static String field(Struct struct, String name) {
        return struct.schema().field(name) == null ? null : struct.getString(name);
    }

    private static Long snapshotLsn(ConnectRecord<?> record) {
        if (!(record instanceof SourceRecord source) || source.sourceOffset() == null) return null;
        Object lsn = source.sourceOffset().get("lsn");
        if (lsn instanceof Number n) return n.longValue();
        if (lsn instanceof String s && s.matches("\\d+")) return Long.parseLong(s);
        return null;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }
}
