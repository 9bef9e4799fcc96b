package kr.petcare.timers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One reminder on {@code verification.reminders}: key = user id, value = this as JSON, header {@code id}.
 *
 * @param kind        which reminder
 * @param key         the verification it is about
 * @param expiresAt   the expiry it belongs to (epoch ms)
 * @param dueAt       when it was due (epoch ms)
 * @param emittedAt   when it was emitted (epoch ms)
 */
public record Reminder(ReminderKind kind, VerificationKey key, long expiresAt, long dueAt, long emittedAt) {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** ISO-8601 UTC with exactly three fraction digits, as JavaScript's {@code Date#toISOString()}. */
  private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Deterministic: the kind, the verification and the expiry it belongs to. The same reminder emitted
   * again (for any reason) carries the same id, so consumers deduplicate on it; a renewal moves the expiry
   * and so gives new ids.
   */
  public String id() {
    return kind.name() + ":" + key.userId() + ":" + key.neighborhoodCode() + ":" + expiresAt;
  }

  /** The record value: UTF-8 JSON. */
  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode()
        .put("id", id())
        .put("kind", kind.name())
        .put("userId", key.userId())
        .put("neighborhoodCode", key.neighborhoodCode())
        .put("expiresAt", iso(expiresAt))
        .put("dueAt", iso(dueAt))
        .put("emittedAt", iso(emittedAt));
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Epoch ms as ISO-8601 UTC with milliseconds. */
  public static String iso(long epochMillis) {
    return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }
}
