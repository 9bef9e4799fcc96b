package kr.petcare.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading Debezium's records of neighborhood_verification. */
class ChangeParserTest {

  private static final String USER = "0B3C5D7E-1F20-4A3B-8C4D-5E6F70819203";
  private static final String CODE = "1168064000";
  private final ChangeParser parser = new ChangeParser();

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "2026-12-30T18:00:00Z,             2026-12-30T18:00:00Z",
      "2026-12-30T18:00:00.1Z,           2026-12-30T18:00:00.100Z",
      "2026-12-30T18:00:00.123456Z,      2026-12-30T18:00:00.123Z",
      "2026-12-30T18:00:00.123456789Z,   2026-12-30T18:00:00.123Z",
      "2026-12-31T03:00:00.5+09:00,      2026-12-30T18:00:00.500Z",
  })
  void readsTheExpiryWhateverTheFractionDigitsAndOffset(String expiresAt, String utc) throws Exception {
    VerificationChange change = parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes(TimersDriver.envelope("u", USER, CODE, expiresAt)));
    assertEquals(new VerificationChange.Upsert(new VerificationKey(USER.toLowerCase(), CODE), Instant.parse(utc).toEpochMilli()), change);
  }

  @Test
  void ignoresColumnsItDoesNotNeed() throws Exception {
    String value = "{\"before\":null,\"after\":{\"expires_at\":\"2026-12-30T18:00:00Z\",\"new_column\":[1,2]},\"op\":\"r\",\"source\":{\"lsn\":42}}";
    assertTrue(parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes(value)) instanceof VerificationChange.Upsert);
  }

  @Test
  void aSnapshotReadCarriesItsSnapshotsLsnAndWhetherItIsTheTablesLast() throws Exception {
    String read = "{\"after\":{\"expires_at\":\"2026-12-30T18:00:00Z\"},\"op\":\"r\",\"source\":{\"lsn\":2360230536,\"snapshot\":\"%s\"}}";
    VerificationKey key = new VerificationKey(USER.toLowerCase(), CODE);
    long expiry = Instant.parse("2026-12-30T18:00:00Z").toEpochMilli();
    for (String last : new String[] {"last", "last_in_data_collection"}) {
      assertEquals(new VerificationChange.Upsert(key, expiry, 2360230536L, true), parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes(read.formatted(last))));
    }
    assertEquals(new VerificationChange.Upsert(key, expiry, 2360230536L, false), parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes(read.formatted("true"))));
    MalformedChangeException noLsn = assertThrows(MalformedChangeException.class,
        () -> parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes("{\"after\":{\"expires_at\":\"2026-12-30T18:00:00Z\"},\"op\":\"r\",\"source\":{}}")));
    assertTrue(noLsn.getMessage().contains("source.lsn"), noLsn.getMessage());
  }

  @Test
  void aDeleteAndItsTombstoneAreRemovals() throws Exception {
    VerificationChange.Removal removal = new VerificationChange.Removal(new VerificationKey(USER.toLowerCase(), CODE));
    assertEquals(removal, parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes("{\"before\":{},\"after\":null,\"op\":\"d\"}")));
    assertEquals(removal, parser.parse(bytes(TimersDriver.key(USER, CODE)), null));
  }

  @Test
  void saysWhatIsWrong() {
    MalformedChangeException e = assertThrows(MalformedChangeException.class,
        () -> parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes("{\"op\":\"c\",\"after\":{\"expires_at\":1767117600000}}")));
    assertTrue(e.getMessage().startsWith("after.expires_at is missing or not a string"), e.getMessage());
    e = assertThrows(MalformedChangeException.class, () -> parser.parse(bytes("[]"), bytes("{}")));
    assertTrue(e.getMessage().startsWith("key.user_id is not a uuid"), e.getMessage());
    e = assertThrows(MalformedChangeException.class, () -> parser.parse(bytes(TimersDriver.key(USER, CODE)), bytes("")));
    assertEquals("value is empty", e.getMessage());
  }
}
