package io.tandem.session.it;

/** A value whose class the allowlist does not name. */
public final class NotAllowedValue {
  int x = 1;
}
