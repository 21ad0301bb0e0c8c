package io.tandem.jcache.config;

import java.util.HashMap;
import java.util.Map;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/** Cache components that test configuration files name by class. */
final class Components {

  private Components() {}

  public static final class UserLoader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      return "user " + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> users = new HashMap<>();
      keys.forEach(key -> users.put(key, load(key)));
      return users;
    }
  }

  public static final class UserLoaderFactory implements Factory<CacheLoader<String, String>> {
    @Override
    public CacheLoader<String, String> create() {
      return new UserLoader();
    }
  }

  public static final class UserWriter implements CacheWriter<String, String> {
    @Override
    public void write(javax.cache.Cache.Entry<? extends String, ? extends String> entry) {}

    @Override
    public void writeAll(
        java.util.Collection<javax.cache.Cache.Entry<? extends String, ? extends String>> e) {}

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(java.util.Collection<?> keys) {}
  }

  public static final class AuditListener implements CacheEntryCreatedListener<String, String> {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {}
  }

  public static final class AuditListenerFactory
      implements Factory<CacheEntryCreatedListener<String, String>> {
    @Override
    public CacheEntryCreatedListener<String, String> create() {
      return new AuditListener();
    }
  }

  public static final class CreatedOnly implements CacheEntryEventFilter<String, String> {
    @Override
    public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
      return event.getEventType() == EventType.CREATED;
    }
  }

  public static final class NightlyExpiry implements Factory<ExpiryPolicy> {
    @Override
    public ExpiryPolicy create() {
      return new CreatedExpiryPolicy(new Duration(java.util.concurrent.TimeUnit.HOURS, 24));
    }
  }

  /** A loader Tandem cannot create: it has no no-arg constructor. */
  public static final class LoaderWithArguments implements CacheLoader<String, String> {
    public LoaderWithArguments(String url) {}

    @Override
    public String load(String key) {
      return null;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      return Map.of();
    }
  }
}
