package io.tandem.jcache.serialization;

import java.util.List;
import java.util.Objects;

/**
 * What the codec may instantiate and how large one serialized value may be.
 *
 * <p>The allowlist is always on: JDK value types and collections are allowed by default, and
 * {@link #allowedClasses()} adds application classes. An entry is either a class name
 * ({@code com.example.Order}), a package ({@code com.example.model.*}, that package only) or a
 * package tree ({@code com.example.**}, the package and all below it).
 *
 * @param allowedClasses class names and package patterns allowed beyond the JDK defaults
 * @param maxValueBytes the largest serialized key or value accepted, in bytes; checked before
 *     anything is allocated for it
 */
public record SerializationSettings(List<String> allowedClasses, int maxValueBytes) {

  /**
   * Property ({@code getCacheManager(uri, loader, properties)}) adding allowed classes and
   * patterns, comma separated.
   */
  public static final String ALLOW_PROPERTY = "tandem.serialization.allow";

  /**
   * Property setting {@link #maxValueBytes()}: bytes, or a size such as {@code 512KiB},
   * {@code 16MiB}.
   */
  public static final String MAX_VALUE_SIZE_PROPERTY = "tandem.serialization.max-value-size";

  /** 16 MiB: far above any sane cache value, far below what would exhaust a heap. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;

  public SerializationSettings {
    allowedClasses = List.copyOf(Objects.requireNonNull(allowedClasses, "allowedClasses"));
    if (maxValueBytes <= 0) {
      throw new IllegalArgumentException(
          MAX_VALUE_SIZE_PROPERTY + " must be positive, was " + maxValueBytes);
    }
  }

  /** The JDK defaults only, with the default size limit. */
  public static SerializationSettings defaults() {
    return new SerializationSettings(List.of(), DEFAULT_MAX_VALUE_BYTES);
  }

  /** These settings with more allowed classes or patterns. */
  public SerializationSettings allow(String... patterns) {
    var all = new java.util.ArrayList<>(allowedClasses);
    all.addAll(List.of(patterns));
    return new SerializationSettings(all, maxValueBytes);
  }
}
