package kr.petcare.timers;

/**
 * One 동네인증: a user verified in one 행정동. The table's primary key, and so Debezium's record key; a user
 * may hold two at once, each with its own expiry and its own timers.
 *
 * @param userId           the user's uuid, lower case
 * @param neighborhoodCode the 행정동 code, 10 digits
 */
public record VerificationKey(String userId, String neighborhoodCode) {

  /** The key of this verification in the per-verification store: {@code <userId>|<neighborhoodCode>}. */
  public String storeKey() {
    return userId + "|" + neighborhoodCode;
  }

  /** The inverse of {@link #storeKey()}. */
  public static VerificationKey fromStoreKey(String storeKey) {
    int bar = storeKey.indexOf('|');
    return new VerificationKey(storeKey.substring(0, bar), storeKey.substring(bar + 1));
  }
}
