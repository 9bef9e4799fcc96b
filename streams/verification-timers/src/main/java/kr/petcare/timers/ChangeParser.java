package kr.petcare.timers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Debezium's change records of {@code neighborhood_verification} (JsonConverter, schemas disabled):
 * key {@code {"user_id","neighborhood_code"}}, value the envelope {@code {before, after, op, source, ts_ms}}
 * or null (the tombstone after a delete). Only the columns the timers need are read, so columns added
 * upstream change nothing.
 */
public final class ChangeParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern CODE = Pattern.compile("\\d{10}");

  /** Parses one record; throws with a reason a person can act on when it is not a verification change. */
  public VerificationChange parse(byte[] key, byte[] value) throws MalformedChangeException {
    VerificationKey id = parseKey(key);
    if (value == null) return new VerificationChange.Removal(id);
    JsonNode envelope = readJson(value, "value");
    if (!envelope.isObject()) throw new MalformedChangeException("value is not a Debezium envelope (a JSON object)");
    if (envelope.has("schema") && envelope.has("payload")) {
      throw new MalformedChangeException("value has a schema/payload wrapper: the connector must use JsonConverter with schemas.enable=false");
    }
    String op = envelope.path("op").asText("");
    switch (op) {
      case "c", "u", "r" -> {
        JsonNode after = envelope.path("after");
        if (!after.isObject()) throw new MalformedChangeException("op '" + op + "' without an 'after' row");
        if (!op.equals("r")) return new VerificationChange.Upsert(id, expiresAt(after));
        JsonNode source = envelope.path("source");
        long lsn = source.path("lsn").asLong(0);
        if (lsn <= 0) throw new MalformedChangeException("snapshot read without a 'source.lsn'");
        String snapshot = source.path("snapshot").asText("");
        return new VerificationChange.Upsert(id, expiresAt(after), lsn, snapshot.equals("last") || snapshot.equals("last_in_data_collection"));
      }
      case "d" -> {
        return new VerificationChange.Removal(id);
      }
      default -> throw new MalformedChangeException(op.isEmpty() ? "value has no 'op'" : "unsupported op '" + op + "'");
    }
  }

  /**
   * The LSN of the snapshot whose end a snapshot-end marker (cdc/README.md, "Snapshot-end markers") says: every read
   * of that snapshot in the marker's partition is before it.
   */
  public long parseSnapshotEnd(byte[] value) throws MalformedChangeException {
    if (value == null) throw new MalformedChangeException("snapshot-end marker without a value");
    JsonNode marker = readJson(value, "snapshot-end marker");
    long lsn = marker.path("lsn").asLong(0);
    if (lsn <= 0) throw new MalformedChangeException("snapshot-end marker without a positive 'lsn': " + abbreviate(marker));
    return lsn;
  }

  private static VerificationKey parseKey(byte[] key) throws MalformedChangeException {
    if (key == null) throw new MalformedChangeException("record has no key");
    JsonNode node = readJson(key, "key");
    String userId = node.path("user_id").asText("");
    String code = node.path("neighborhood_code").asText("");
    if (!UUID.matcher(userId).matches()) throw new MalformedChangeException("key.user_id is not a uuid: " + abbreviate(node));
    if (!CODE.matcher(code).matches()) throw new MalformedChangeException("key.neighborhood_code is not a 10-digit 행정동 code: " + abbreviate(node));
    return new VerificationKey(userId.toLowerCase(Locale.ROOT), code);
  }

  private static long expiresAt(JsonNode after) throws MalformedChangeException {
    JsonNode field = after.path("expires_at");
    if (!field.isTextual()) throw new MalformedChangeException("after.expires_at is missing or not a string: " + abbreviate(after));
    try {
      // ISO_OFFSET_DATE_TIME: any number of fraction digits (0–9), 'Z' or a numeric offset.
      return OffsetDateTime.parse(field.asText()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new MalformedChangeException("after.expires_at is not an ISO-8601 timestamp with offset: \"" + field.asText() + "\"");
    }
  }

  private static JsonNode readJson(byte[] bytes, String what) throws MalformedChangeException {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || node.isMissingNode()) throw new MalformedChangeException(what + " is empty");
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedChangeException(what + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedChangeException(what + " cannot be read: " + e.getMessage());
    }
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
