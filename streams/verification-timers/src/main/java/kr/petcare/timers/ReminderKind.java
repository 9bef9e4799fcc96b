package kr.petcare.timers;

/** The two reminders of a 동네인증, in the order they fall due. */
public enum ReminderKind {
  /** Due {@code TIMERS_EXPIRING_LEAD} before the expiry: "renew it before it lapses". */
  VERIFICATION_EXPIRING('1'),
  /** Due at the expiry: "it has lapsed". */
  VERIFICATION_EXPIRED('2');

  /** One character that sorts the kinds by when they fall due, for timer keys with the same due time. */
  final char code;

  ReminderKind(char code) {
    this.code = code;
  }

  static ReminderKind fromCode(char code) {
    for (ReminderKind kind : values()) {
      if (kind.code == code) return kind;
    }
    throw new IllegalArgumentException("no reminder kind with code " + code);
  }
}
