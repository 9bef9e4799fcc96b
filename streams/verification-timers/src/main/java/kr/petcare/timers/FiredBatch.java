package kr.petcare.timers;

import org.slf4j.Logger;

/** What one punctuation of one task fired, logged as one line (nothing when nothing was due). */
final class FiredBatch {

  private final String task;
  private final long now;
  private int expiring;
  private int expired;
  private long earliestDue = Long.MAX_VALUE;
  private long latestDue = Long.MIN_VALUE;
  /** "expiring" timers dropped because their expiry had passed by the time they fired. */
  int superseded;
  /** Timers whose verification had moved on (should not happen: arming and forgetting delete them). */
  int stale;

  FiredBatch(String task, long now) {
    this.task = task;
    this.now = now;
  }

  void emitted(Reminder reminder) {
    if (reminder.kind() == ReminderKind.VERIFICATION_EXPIRING) expiring++;
    else expired++;
    earliestDue = Math.min(earliestDue, reminder.dueAt());
    latestDue = Math.max(latestDue, reminder.dueAt());
  }

  void log(Logger log) {
    int total = expiring + expired;
    if (total > 0) {
      log.info("task {}: emitted {} reminder(s) ({} expiring, {} expired) due {} .. {}; the earliest {} ms after its due time",
          task, total, expiring, expired, Reminder.iso(earliestDue), Reminder.iso(latestDue), now - earliestDue);
    }
    if (superseded > 0) {
      log.info("task {}: dropped {} expiring reminder(s) whose expiry had already passed (the expired one is sent instead)",
          task, superseded);
    }
    if (stale > 0) log.warn("task {}: dropped {} timer(s) that no longer matched their verification", task, stale);
  }
}
