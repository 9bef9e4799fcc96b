package kr.petcare.timers;

/**
 * The topics the application reads and writes, named as in cdc/src/system-topics.ts (the one list of the
 * system's topics; cdc/README.md says who produces and consumes each).
 *
 * @param verifications Debezium's change topic of neighborhoods' {@code neighborhood_verification} table (input)
 * @param reminders     the reminders this application emits, keyed by user id (output)
 * @param deadLetters   changes that cannot be read, with the reason in headers (as every consuming service's DLQ)
 */
public record Topics(String verifications, String reminders, String deadLetters) {

  /** The topic names under CDC_TOPIC_NAMESPACE (empty in a deployment, a unique prefix in tests). */
  public static Topics forNamespace(String namespace) {
    return new Topics(
        namespace + "neighborhoods.public.neighborhood_verification",
        namespace + "verification.reminders",
        namespace + "verification-timers.cdc.dlq");
  }
}
