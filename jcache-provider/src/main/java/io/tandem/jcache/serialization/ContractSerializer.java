package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Set;

/**
 * Writes objects that JCache requires to be {@code Serializable} (configurations, factories, entry
 * processors) and exceptions with Java serialization, inside Kryo's stream. Their contract is Java
 * serialization: they may hold fields only it handles ({@code transient} connections re-opened
 * after reading, JDK types Kryo cannot reach on JDK 17).
 *
 * <p>Reading is filtered: every class in the stream must pass the same {@link ClassAllowlist} as
 * everything else, or be one of a few JDK types that such objects carry (exceptions and their
 * stack traces, network addresses, enums). Anything else is refused before it is instantiated.
 */
final class ContractSerializer extends Serializer<Object> {

  /** JDK types a configuration, factory, processor or exception may carry. */
  private static final Set<String> JDK_EXTRAS = Set.of(
      "java.lang.StackTraceElement", "java.lang.Enum", "java.lang.Number",
      "java.net.InetAddress", "java.net.Inet4Address", "java.net.Inet6Address",
      "java.net.InetAddress$InetAddressHolder", "java.net.Inet6Address$Inet6AddressHolder",
      "java.util.concurrent.TimeUnit", "java.util.ImmutableCollections$CollSer",
      "java.util.Collections$UnmodifiableSet",
      "java.util.Collections$UnmodifiableCollection", "java.util.Collections$EmptyList");

  private final ClassAllowlist allowlist;
  private final ClassLoader classLoader;

  ContractSerializer(ClassAllowlist allowlist, ClassLoader classLoader) {
    this.allowlist = allowlist;
    this.classLoader = classLoader;
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new KryoException("Cannot serialize " + object.getClass().getName()
          + " (JCache requires it to be Serializable): " + e, e);
    }
    output.writeVarInt(bytes.size(), true);
    output.writeBytes(bytes.toByteArray());
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    int length = input.readVarInt(true);
    byte[] bytes = input.readBytes(length);
    FilteredStream in = null;
    try {
      in = new FilteredStream(new ByteArrayInputStream(bytes));
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      String refused = in == null || in.refused == null ? "" : " (refused class " + in.refused
          + ": not in the serialization allowlist; allow it with <serialization><allow> or the "
          + "property tandem.serialization.allow)";
      throw new KryoException("Cannot read " + type.getName() + ": " + e + refused, e);
    }
  }

  private boolean allowed(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    // an interface is never instantiated (arrays of Map.Entry and the like)
    if (c.isPrimitive() || c.isInterface() || allowlist.allows(c)
        || JDK_EXTRAS.contains(c.getName())) {
      return true;
    }
    String name = c.getName();
    return (name.startsWith("java.") && Throwable.class.isAssignableFrom(c))
        || name.startsWith("javax.cache.");
  }

  private final class FilteredStream extends ObjectInputStream {
    private String refused;

    FilteredStream(InputStream in) throws IOException {
      super(in);
      setObjectInputFilter(info -> {
        Class<?> c = info.serialClass();
        if (c == null) {
          return ObjectInputFilter.Status.UNDECIDED;
        }
        if (allowed(c)) {
          return ObjectInputFilter.Status.ALLOWED;
        }
        refused = c.getName();
        return ObjectInputFilter.Status.REJECTED;
      });
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      // the filter has not seen the class yet: refuse by name before loading it
      String name = desc.getName();
      if (!name.startsWith("[") && !allowlist.allows(name) && !JDK_EXTRAS.contains(name)
          && !name.startsWith("java.") && !name.startsWith("javax.cache.")) {
        refused = name;
        throw new java.io.InvalidClassException(name, "not in the serialization allowlist");
      }
      return Class.forName(name, false, classLoader);
    }
  }
}
