package kr.petcare.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The per-verification state survives an upgrade: what an older version stored is still read. */
class PendingTimersTest {

  @Test
  void roundTripsWithTheSnapshotThatLastReadIt() {
    PendingTimers state = new PendingTimers(1_800_000_000_000L, 1_799_740_800_000L, PendingTimers.NONE, 2_360_230_536L);
    assertEquals(state, PendingTimers.fromBytes(state.toBytes()));
  }

  @Test
  void readsTheFormerFormatAsReadByNoSnapshot() {
    byte[] former = ByteBuffer.allocate(25).put((byte) 1).putLong(1_800_000_000_000L).putLong(PendingTimers.NONE).putLong(1_800_000_000_000L).array();
    assertEquals(new PendingTimers(1_800_000_000_000L, PendingTimers.NONE, 1_800_000_000_000L, 0), PendingTimers.fromBytes(former));
  }
}
