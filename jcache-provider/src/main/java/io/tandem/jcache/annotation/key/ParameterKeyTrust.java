package io.tandem.jcache.annotation.key;

import io.tandem.jcache.serialization.TrustedClasses;
import java.util.List;

/**
 * Allows {@link ParameterKey}, the default key of the JSR-107 annotations, in every cache
 * manager: it is Tandem's own immutable holder of the key parameters, whose values the allowlist
 * still checks one by one.
 */
public final class ParameterKeyTrust implements TrustedClasses {

  @Override
  public List<String> classNames() {
    return List.of(ParameterKey.class.getName());
  }
}
