package kr.petcare.timers;

/** A record on the input topic that is not a readable change of a verification; the message says why. */
public final class MalformedChangeException extends Exception {
  public MalformedChangeException(String reason) {
    super(reason);
  }
}
