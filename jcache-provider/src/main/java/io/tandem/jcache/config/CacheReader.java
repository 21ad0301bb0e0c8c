package io.tandem.jcache.config;

import java.util.Optional;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/** Reads one {@code <cache>} element into a {@link TandemConfiguration}. */
final class CacheReader {

  private final CacheDefaults defaults;
  private final DeclaredClasses classes;
  private final ConfigProblems problems;

  CacheReader(CacheDefaults defaults, DeclaredClasses classes, ConfigProblems problems) {
    this.defaults = defaults;
    this.classes = classes;
    this.problems = problems;
  }

  /** The cache's configuration, or empty when it has problems (recorded). */
  Optional<TandemConfiguration<?, ?>> read(ConfigElement cache) {
    int problemsBefore = problems.size();
    TandemConfiguration<Object, Object> c = defaults.applyTo(new TandemConfiguration<>());
    setTypes(c, type(cache, "key-type"), type(cache, "value-type"));
    c.setMaxEntries(value(cache, "max-entries", Quantities::parseEntryCount, c.getMaxEntries()));
    c.setStatisticsEnabled(flag(cache, "statistics", c.isStatisticsEnabled()));
    c.setManagementEnabled(flag(cache, "management", c.isManagementEnabled()));
    c.setStoreByValue(flag(cache, "store-by-value", c.isStoreByValue()));
    c.setMode(value(cache, "mode", text -> Quantities.parseChoice(text, CacheMode.class),
        c.getMode()));
    c.setReplication(value(cache, "replication",
        text -> Quantities.parseChoice(text, ReplicationMode.class), c.getReplication()));
    c.setReadThrough(flag(cache, "read-through", false));
    c.setWriteThrough(flag(cache, "write-through", false));

    cache.child("expiry").flatMap(this::expiry).ifPresent(c::setExpiryPolicyFactory);
    Optional<ConfigElement> loader = cache.child("loader");
    loader.flatMap(e -> classes.component(e, "class", CacheLoader.class))
        .ifPresent(factory -> c.setCacheLoaderFactory(typed(factory)));
    Optional<ConfigElement> writer = cache.child("writer");
    writer.flatMap(e -> classes.component(e, "class", CacheWriter.class))
        .ifPresent(factory -> c.setCacheWriterFactory(typed(factory)));
    for (ConfigElement listener : cache.children("listener")) {
      listener(listener, c);
    }

    // A flag that can never act is a mistake, not a preference: say so at load time.
    if (c.isReadThrough() && loader.isEmpty()) {
      problems.add(cache, cache.tag() + " has read-through=\"true\" but no <loader>; add"
          + " <loader class=\"...\"/> or remove read-through.");
    }
    if (c.isWriteThrough() && writer.isEmpty()) {
      problems.add(cache, cache.tag() + " has write-through=\"true\" but no <writer>; add"
          + " <writer class=\"...\"/> or remove write-through.");
    }
    return problems.size() == problemsBefore ? Optional.of(c) : Optional.empty();
  }

  private Class<?> type(ConfigElement cache, String attribute) {
    if (cache.attribute(attribute).isEmpty()) {
      return Object.class;
    }
    return classes.type(cache, attribute).orElse(Object.class);
  }

  private Optional<Factory<ExpiryPolicy>> expiry(ConfigElement expiry) {
    Optional<String> policy = expiry.attribute("policy");
    Optional<String> duration = expiry.attribute("duration");
    if (expiry.attribute("factory").isPresent()) {
      if (policy.isPresent() || duration.isPresent()) {
        String other = policy.isPresent() ? "policy" : "duration";
        problems.add(expiry, "<expiry> has factory and " + other
            + "; give either factory, or policy with duration.");
        return Optional.empty();
      }
      return classes.component(expiry, "factory", ExpiryPolicy.class);
    }
    if (policy.isEmpty()) {
      problems.add(expiry, "<expiry> needs policy (with duration), such as"
          + " <expiry policy=\"created\" duration=\"10m\"/>, or factory.");
      return Optional.empty();
    }
    String name = policy.get().strip();
    if (name.equals("eternal")) {
      if (duration.isPresent()) {
        problems.add(expiry, "<expiry policy=\"eternal\"> takes no duration; remove duration=\""
            + duration.get() + "\", or choose created, accessed, modified or touched.");
        return Optional.empty();
      }
      return Optional.of(EternalExpiryPolicy.factoryOf());
    }
    if (duration.isEmpty()) {
      problems.add(expiry, "<expiry policy=\"" + name + "\"> needs a duration, such as"
          + " duration=\"10m\".");
      return Optional.empty();
    }
    Duration d =
        SettingsReader.value(expiry, "duration", Quantities::parseDuration, problems, null);
    if (d == null) {
      return Optional.empty();
    }
    return Optional.of(switch (name) {
      case "created" -> CreatedExpiryPolicy.factoryOf(d);
      case "accessed" -> AccessedExpiryPolicy.factoryOf(d);
      case "modified" -> ModifiedExpiryPolicy.factoryOf(d);
      default -> TouchedExpiryPolicy.factoryOf(d);
    });
  }

  private void listener(ConfigElement listener, TandemConfiguration<Object, Object> c) {
    var listenerFactory = classes.component(listener, "class", CacheEntryListener.class);
    Optional<Factory<CacheEntryEventFilter>> filterFactory = Optional.empty();
    if (listener.attribute("filter").isPresent()) {
      filterFactory = classes.component(listener, "filter", CacheEntryEventFilter.class);
      if (filterFactory.isEmpty()) {
        return;
      }
    }
    if (listenerFactory.isEmpty()) {
      return;
    }
    Factory<CacheEntryEventFilter<Object, Object>> filter =
        filterFactory.isPresent() ? typed(filterFactory.get()) : null;
    var registration = new MutableCacheEntryListenerConfiguration<Object, Object>(
        typed(listenerFactory.get()), filter,
        flag(listener, "old-value-required", false), flag(listener, "synchronous", false));
    try {
      c.addCacheEntryListenerConfiguration(registration);
    } catch (IllegalArgumentException duplicate) {
      problems.add(listener, "<listener class=\"" + listener.attributes().get("class")
          + "\"> is registered twice with the same settings; remove one.");
    }
  }

  private boolean flag(ConfigElement element, String attribute, boolean absent) {
    return value(element, attribute, Boolean::parseBoolean, absent);
  }

  private <T> T value(ConfigElement element, String attribute,
      java.util.function.Function<String, T> parser, T absent) {
    return SettingsReader.value(element, attribute, parser, problems, absent);
  }

  // The factories are checked against the raw component type (CacheLoader); the key and value
  // types of a class named in a file cannot be checked before it runs, as with any JCache
  // configuration built from a class name.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> T typed(Factory factory) {
    return (T) factory;
  }

  @SuppressWarnings("unchecked")
  private static void setTypes(
      TandemConfiguration<Object, Object> c, Class<?> key, Class<?> value) {
    c.setTypes((Class<Object>) key, (Class<Object>) value);
  }
}
