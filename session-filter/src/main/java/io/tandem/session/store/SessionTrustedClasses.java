package io.tandem.session.store;

import io.tandem.jcache.serialization.TrustedClasses;
import java.util.List;

/**
 * The session store's own data classes, allowed by every Tandem cache manager that can see this
 * jar (found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.tandem.jcache.serialization.TrustedClasses}). They travel between
 * members of a replicated session cache: {@link SessionState} as the entry's value,
 * {@link SessionDelta} as the entry processor sent to the entry's primary, and its
 * {@link SessionDelta.Outcome} as the answer. Exact names, no package pattern: nothing else of
 * this package is allowed, and the application's allowlist stays its own.
 */
public final class SessionTrustedClasses implements TrustedClasses {

  @Override
  public List<String> classNames() {
    return List.of(SessionState.class.getName(), SessionDelta.class.getName(),
        SessionDelta.Outcome.class.getName());
  }
}
