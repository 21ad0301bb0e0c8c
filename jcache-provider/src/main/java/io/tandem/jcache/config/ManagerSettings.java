package io.tandem.jcache.config;

import io.tandem.jcache.serialization.SerializationSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import javax.cache.configuration.CompleteConfiguration;

/** TEMPORARY stand-in until the XML configuration lands. */
public final class ManagerSettings {

  public static final URI DEFAULT_URI = URI.create("tandem:default");
  public static final String CONFIG_PROPERTY = "tandem.config";

  private final SerializationSettings serialization;

  private ManagerSettings(SerializationSettings serialization) {
    this.serialization = serialization;
  }

  public static ManagerSettings load(URI uri, ClassLoader classLoader, Properties properties) {
    var s = SerializationSettings.defaults();
    String allow = properties.getProperty(SerializationSettings.ALLOW_PROPERTY);
    if (allow != null) {
      s = s.allow(Arrays.stream(allow.split(",")).map(String::trim).toArray(String[]::new));
    }
    if (classLoader.getResource("tandem.xml") != null) {
      s = s.allow("domain.**", "manager.**", "org.jsr107.tck.**");
    }
    return new ManagerSettings(s);
  }

  public SerializationSettings serialization() {
    return serialization;
  }

  public <K, V> TandemConfiguration<K, V> withDefaults(CompleteConfiguration<K, V> requested) {
    return new TandemConfiguration<>(requested);
  }

  public Map<String, TandemConfiguration<?, ?>> caches() {
    return Map.of();
  }

  public String source() {
    return "defaults";
  }
}
