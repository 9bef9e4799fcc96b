package kr.petcare.timers;

import static kr.petcare.timers.TimersDriver.LEAD;
import static kr.petcare.timers.TimersDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.petcare.timers.TimersDriver.Emitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When each reminder fires, and how re-verifying, deleting and redelivering change that. */
class TimerSchedulingTest {

  private static final String MINA = "0b3c5d7e-1f20-4a3b-8c4d-5e6f70819203";
  private static final String JUN = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
  private static final String YEOKSAM = "1168064000";
  private static final String NONHYEON = "1168052100";
  private static final Duration SECOND = Duration.ofSeconds(1);

  @RegisterExtension final TimersDriver timers = new TimersDriver();

  @Test
  void firesExpiringAtExpiryMinusLeadAndExpiredAtExpiry() {
    Instant expiry = START.plus(Duration.ofDays(30));
    timers.upsert("c", MINA, YEOKSAM, expiry);

    timers.advanceTo(expiry.minus(LEAD).minus(SECOND));
    assertEquals(List.of(), timers.emitted(), "nothing before expiry - lead");
    timers.advance(SECOND);
    List<Emitted> expiring = timers.emitted();
    assertEquals(1, expiring.size());
    Emitted first = expiring.get(0);
    assertEquals("VERIFICATION_EXPIRING", first.kind());
    assertEquals(MINA, first.key());
    assertEquals(MINA, first.value().get("userId").asText());
    assertEquals(YEOKSAM, first.value().get("neighborhoodCode").asText());
    assertEquals(expiry, first.at("expiresAt"));
    assertEquals(expiry.minus(LEAD), first.at("dueAt"));
    assertEquals(expiry.minus(LEAD), first.at("emittedAt"));
    assertEquals("VERIFICATION_EXPIRING:" + MINA + ":" + YEOKSAM + ":" + expiry.toEpochMilli(), first.id());
    assertEquals(first.id(), first.idHeader());

    timers.advanceTo(expiry.minus(SECOND));
    assertEquals(List.of(), timers.emitted(), "nothing between the two");
    timers.advance(SECOND);
    List<Emitted> expired = timers.emitted();
    assertEquals(List.of("VERIFICATION_EXPIRED"), expired.stream().map(Emitted::kind).toList());
    assertEquals(expiry, expired.get(0).at("dueAt"));

    timers.advance(Duration.ofDays(60));
    assertEquals(List.of(), timers.emitted(), "each fires once");
  }

  @Test
  void reverifyingBeforeEitherMomentCancelsAndRearmsBoth() {
    Instant first = START.plus(Duration.ofDays(10));
    timers.upsert("c", MINA, YEOKSAM, first);
    timers.advance(Duration.ofDays(5));
    Instant renewed = timers.now().plus(Duration.ofDays(30));
    timers.upsert("u", MINA, YEOKSAM, renewed);

    timers.advanceTo(renewed.minus(LEAD).minus(SECOND));
    assertEquals(List.of(), timers.emitted(), "the old expiry's timers are cancelled");
    timers.advanceTo(renewed.minus(LEAD));
    timers.advanceTo(renewed);
    List<Emitted> out = timers.emitted();
    assertEquals(List.of("VERIFICATION_EXPIRING", "VERIFICATION_EXPIRED"), out.stream().map(Emitted::kind).toList());
    assertTrue(out.stream().allMatch(e -> e.at("expiresAt").equals(renewed)));
  }

  @Test
  void reverifyingAfterTheExpiringReminderCancelsTheExpiredOne() {
    Instant first = START.plus(Duration.ofDays(10));
    timers.upsert("c", MINA, YEOKSAM, first);
    timers.advanceTo(first.minus(LEAD));
    assertEquals(List.of("VERIFICATION_EXPIRING"), timers.emitted().stream().map(Emitted::kind).toList());

    timers.advance(Duration.ofDays(1));
    Instant renewed = timers.now().plus(Duration.ofDays(30));
    timers.upsert("u", MINA, YEOKSAM, renewed);
    timers.advanceTo(first.plus(SECOND));
    assertEquals(List.of(), timers.emitted(), "no 'expired' for the renewed verification");
    timers.advanceTo(renewed.minus(LEAD));
    timers.advanceTo(renewed);
    List<Emitted> out = timers.emitted();
    assertEquals(2, out.size());
    assertTrue(out.stream().allMatch(e -> e.id().endsWith(":" + renewed.toEpochMilli())), "new ids for the new expiry");
  }

  @Test
  void deleteOrTombstoneCancelsAndForgets() {
    Instant expiry = START.plus(Duration.ofDays(10));
    timers.upsert("c", MINA, YEOKSAM, expiry);
    timers.upsert("c", JUN, YEOKSAM, expiry);
    timers.delete(MINA, YEOKSAM);
    timers.input.pipeInput(TimersDriver.key(JUN, YEOKSAM), (String) null);
    timers.advanceTo(expiry.plus(Duration.ofDays(1)));
    assertEquals(List.of(), timers.emitted());

    // Forgotten, so the same row created again is armed again.
    Instant later = timers.now().plus(Duration.ofDays(30));
    timers.upsert("c", MINA, YEOKSAM, later);
    timers.advanceTo(later.minus(LEAD));
    timers.advanceTo(later);
    assertEquals(2, timers.emitted().size());
  }

  @Test
  void redeliveryAndResnapshotOfTheSameExpiryNeitherRearmNorRefire() {
    Instant expiry = START.plus(Duration.ofDays(10));
    timers.upsert("c", MINA, YEOKSAM, expiry);
    timers.upsert("c", MINA, YEOKSAM, expiry);
    timers.advanceTo(expiry.minus(LEAD));
    assertEquals(1, timers.emitted().size());

    timers.upsert("r", MINA, YEOKSAM, expiry);
    timers.upsert("u", MINA, YEOKSAM, expiry);
    timers.advanceTo(expiry);
    assertEquals(List.of("VERIFICATION_EXPIRED"), timers.emitted().stream().map(Emitted::kind).toList());

    timers.upsert("r", MINA, YEOKSAM, expiry);
    timers.advance(Duration.ofDays(1));
    assertEquals(List.of(), timers.emitted(), "a re-snapshot after both fired sends nothing");
  }

  @Test
  void twoNeighbourhoodsOfOneUserHaveTheirOwnTimers() {
    Instant yeoksam = START.plus(Duration.ofDays(10));
    Instant nonhyeon = START.plus(Duration.ofDays(20));
    timers.upsert("c", MINA, YEOKSAM, yeoksam);
    timers.upsert("c", MINA, NONHYEON, nonhyeon);
    timers.delete(MINA, NONHYEON);
    timers.upsert("c", MINA, NONHYEON, nonhyeon.plus(Duration.ofDays(1)));
    for (int day = 1; day <= 22; day++) timers.advanceTo(START.plus(Duration.ofDays(day)));
    List<Emitted> out = timers.emitted();
    assertEquals(List.of(YEOKSAM, YEOKSAM, NONHYEON, NONHYEON), out.stream().map(e -> e.value().get("neighborhoodCode").asText()).toList());
    assertTrue(out.stream().allMatch(e -> e.key().equals(MINA)), "keyed by the user, so one partition keeps their order");
  }

  @Test
  void anExpiryWithinTheLeadFiresExpiringAtTheNextPunctuation() {
    Instant expiry = START.plus(Duration.ofDays(1));
    timers.upsert("c", MINA, YEOKSAM, expiry);
    timers.advance(TimersDriver.INTERVAL);
    List<Emitted> out = timers.emitted();
    assertEquals(List.of("VERIFICATION_EXPIRING"), out.stream().map(Emitted::kind).toList());
    assertEquals(expiry.minus(LEAD), out.get(0).at("dueAt"));
    assertEquals(START.plus(TimersDriver.INTERVAL), out.get(0).at("emittedAt"));
    timers.advanceTo(expiry);
    assertEquals(List.of("VERIFICATION_EXPIRED"), timers.emitted().stream().map(Emitted::kind).toList());
  }

  @Test
  void anExpiryAlreadyPastFiresOnlyExpired() {
    Instant expiry = START.minus(Duration.ofHours(2));
    timers.upsert("r", MINA, YEOKSAM, expiry);
    timers.advance(TimersDriver.INTERVAL);
    List<Emitted> out = timers.emitted();
    assertEquals(List.of("VERIFICATION_EXPIRED"), out.stream().map(Emitted::kind).toList());
    assertEquals(expiry, out.get(0).at("dueAt"));
    timers.advance(Duration.ofDays(5));
    assertEquals(List.of(), timers.emitted());
  }
}
