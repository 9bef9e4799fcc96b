package kr.petcare.timers;

import static kr.petcare.timers.TimersDriver.LEAD;
import static kr.petcare.timers.TimersDriver.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import kr.petcare.timers.TimersDriver.Emitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wall-clock punctuations that did not run (a long GC pause, a slow loop, the app down) are skipped, not
 * replayed: the next one must fire everything that fell due meanwhile, in due order, and lose nothing.
 */
class MissedPunctuationTest {

  private static final String CODE = "1168064000";

  @RegisterExtension final TimersDriver timers = new TimersDriver();

  @Test
  void oneLatePunctuationFiresEverythingDueInDueOrder() {
    List<Instant> expiries = new ArrayList<>();
    for (int i = 49; i >= 0; i--) {
      // Entered in reverse, so emission order can only come from the store's due-time order.
      Instant expiry = START.plus(LEAD).plus(Duration.ofMinutes(10L * i + 1));
      expiries.add(expiry);
      timers.upsert("c", UUID.randomUUID().toString(), CODE, expiry);
    }
    Instant afterwards = START.plus(LEAD).plus(Duration.ofHours(12));
    timers.upsert("c", UUID.randomUUID().toString(), CODE, afterwards);

    timers.advance(Duration.ofHours(9));
    List<Emitted> out = timers.emitted();
    assertEquals(50, out.size(), "every expiring reminder that fell due in the 9 hours");
    assertEquals(Set.of("VERIFICATION_EXPIRING"), out.stream().map(Emitted::kind).collect(Collectors.toSet()));
    List<Instant> due = out.stream().map(e -> e.at("dueAt")).toList();
    assertEquals(due.stream().sorted().toList(), due, "in due order");
    assertEquals(expiries.stream().sorted().toList(), out.stream().map(e -> e.at("expiresAt")).toList());
    assertEquals(Set.of(START.plus(Duration.ofHours(9))), out.stream().map(e -> e.at("emittedAt")).collect(Collectors.toSet()));

    timers.advance(Duration.ofHours(9));
    assertEquals(1, timers.emitted().size(), "the one due later fires on its own");
  }

  @Test
  void aGapLongerThanTheLeadSendsOnlyExpiredForExpiriesThatPassedMeanwhile() {
    String lapsed = UUID.randomUUID().toString();
    String stillValid = UUID.randomUUID().toString();
    Instant lapsedExpiry = START.plus(LEAD).plus(Duration.ofHours(1));
    Instant validExpiry = START.plus(LEAD).plus(Duration.ofDays(2));
    timers.upsert("c", lapsed, CODE, lapsedExpiry);
    timers.upsert("c", stillValid, CODE, validExpiry);

    timers.advance(LEAD.plus(Duration.ofDays(1)));
    List<Emitted> out = timers.emitted();
    assertEquals(List.of("VERIFICATION_EXPIRING:" + stillValid, "VERIFICATION_EXPIRED:" + lapsed),
        out.stream().map(e -> e.kind() + ":" + e.key()).toList(),
        "due order (the valid one's lead began first); no 'expiring soon' for an expiry already past");
    timers.advance(Duration.ofDays(2));
    assertEquals(List.of("VERIFICATION_EXPIRED:" + stillValid), timers.emitted().stream().map(e -> e.kind() + ":" + e.key()).toList());
  }

  @Test
  void moreTimersThanOneScanBatchAllFireInOnePunctuation() {
    int count = VerificationTimerProcessor.SCAN_BATCH + 200;
    for (int i = 0; i < count; i++) {
      timers.upsert("r", UUID.randomUUID().toString(), CODE, START.minus(Duration.ofSeconds(count - i)));
    }
    timers.advance(TimersDriver.INTERVAL);
    List<Emitted> out = timers.emitted();
    assertEquals(count, out.size());
    assertEquals(count, out.stream().map(Emitted::id).distinct().count());
    assertEquals(out.stream().sorted(Comparator.comparing(e -> e.at("dueAt"))).toList(), out, "in due order across scan batches");
    timers.advance(TimersDriver.INTERVAL);
    assertEquals(List.of(), timers.emitted());
  }
}
