package petcare.cdc.transforms;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.util.SimpleConfig;

/**
 * Copies the request id column of a Debezium change event's {@code after} row into a header, leaving the envelope as
 * it is. Kafka Connect's own HeaderFrom reads only top-level fields of the value (the envelope's {@code before},
 * {@code after}, {@code source}, ...) and fails on tombstones; Debezium's ExtractNewRecordState can read
 * {@code after.<column>} but replaces the envelope the consumers need. A record without that column, without an
 * {@code after} row (a delete), with a null id (a change no request made) or without a value passes unchanged.
 */
public class RequestIdHeader<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String COLUMN_CONFIG = "column";
    public static final String HEADER_CONFIG = "header";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(COLUMN_CONFIG, ConfigDef.Type.STRING, "request_id", ConfigDef.Importance.HIGH,
                    "Column of the after row that holds the id of the request that wrote the row.")
            .define(HEADER_CONFIG, ConfigDef.Type.STRING, "requestId", ConfigDef.Importance.HIGH,
                    "Header the id is written to.");

    private String column;
    private String header;

    @Override
    public void configure(Map<String, ?> props) {
        SimpleConfig config = new SimpleConfig(CONFIG_DEF, props);
        column = config.getString(COLUMN_CONFIG);
        header = config.getString(HEADER_CONFIG);
    }

    @Override
    public R apply(R record) {
        if (!(record.value() instanceof Struct value)) return record;
        Field afterField = value.schema().field("after");
        if (afterField == null || !(value.get(afterField) instanceof Struct after)) return record;
        Field idField = after.schema().field(column);
        Object id = idField == null ? null : after.get(idField);
        if (id == null) return record;
        record.headers().addString(header, id.toString());
        return record;
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
