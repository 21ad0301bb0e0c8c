package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.TimestampSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.URISerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.UUIDSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.net.URI;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.UUID;
import javax.cache.CacheException;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The {@link Codec} on Kryo 5: compact, fast, and no {@code Serializable} needed.
 *
 * <p>Registration is not required (any class may be written by name), so the
 * {@link ClassAllowlist} is what stands between the bytes and arbitrary instantiation: every class
 * written or read is checked, and a class name read from bytes is refused before the class is
 * loaded. Classes need no no-arg constructor (Objenesis creates them without one), and references
 * are tracked, so shared and cyclic object graphs round-trip.
 *
 * <p>Thread-safe. Kryo instances are not, so each call borrows one from a pool together with its
 * buffers; an instance whose call threw is dropped rather than returned, because Kryo 5.6.2 can
 * leave internal state behind that {@code reset()} does not clear.
 */
public final class KryoCodec implements Codec {

  private static final int INITIAL_BUFFER_BYTES = 512;

  /** Larger output buffers are dropped after use so an idle pool does not pin big arrays. */
  private static final int RETAINED_BUFFER_BYTES = 64 * 1024;

  private final int maxValueBytes;
  private final ClassAllowlist allowlist;
  private final ClassLoader classLoader;
  private final Workers workers;
  private final java.util.List<Class<?>> contractTypes;

  /**
   * A codec enforcing {@code settings}, resolving classes through {@code classLoader}.
   *
   * @throws IllegalArgumentException when an allowlist pattern is malformed
   */
  public KryoCodec(SerializationSettings settings, ClassLoader classLoader) {
    this(settings, classLoader, java.util.List.of());
  }

  /**
   * A codec that writes instances of {@code contractTypes} (and their subtypes) with Java
   * serialization, filtered by the same allowlist: for what JCache requires to be
   * {@code Serializable} (configurations, factories, entry processors) when it must travel.
   */
  public KryoCodec(SerializationSettings settings, ClassLoader classLoader,
      java.util.List<Class<?>> contractTypes) {
    Objects.requireNonNull(settings, "settings");
    this.contractTypes = java.util.List.copyOf(contractTypes);
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    this.maxValueBytes = settings.maxValueBytes();
    this.allowlist = ClassAllowlist.of(settings.allowedClasses());
    this.workers = new Workers(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
  }

  /**
   * The pool of Kryo instances: slots taken and given back with one atomic swap each, so that
   * threads do not queue on a shared lock (a lock-based pool made two threads reading concurrently
   * four times slower than one). A thread starts at the slot its id picks and probes the others
   * before building a new instance: a cluster member's codec is used by many more threads than
   * there are slots (JGroups' pool, the manager's executor, the callers), and without probing one
   * in twenty calls built a new Kryo, which costs far more than the call itself. An instance given
   * back when every slot is full is dropped.
   */
  private final class Workers {
    private final java.util.concurrent.atomic.AtomicReferenceArray<Worker> slots;
    private final int mask;
    private final java.util.concurrent.atomic.AtomicLong built =
        new java.util.concurrent.atomic.AtomicLong();

    Workers(int atLeast) {
      int size = Integer.highestOneBit(atLeast - 1) << 1;
      slots = new java.util.concurrent.atomic.AtomicReferenceArray<>(size);
      mask = size - 1;
    }

    Worker obtain() {
      int start = slot();
      for (int i = 0; i <= mask; i++) {
        int index = (start + i) & mask;
        Worker worker = slots.get(index);
        if (worker != null && slots.compareAndSet(index, worker, null)) {
          return worker;
        }
      }
      built.incrementAndGet();
      return new Worker(newKryo(), newOutput(), new BoundedInput());
    }

    void free(Worker worker) {
      int start = slot();
      for (int i = 0; i <= mask; i++) {
        int index = (start + i) & mask;
        if (slots.get(index) == null && slots.compareAndSet(index, null, worker)) {
          return;
        }
      }
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    private int slot() {
      long id = Thread.currentThread().getId();
      return (int) (id ^ (id >>> 16)) & mask;
    }
  }

  /** How many Kryo instances this codec has built so far (for tests). */
  long instancesBuilt() {
    return workers.built.get();
  }

  /** The classes this codec accepts. */
  public ClassAllowlist allowlist() {
    return allowlist;
  }

  @Override
  public byte[] serialize(Object value) {
    Worker worker = workers.obtain();
    byte[] bytes;
    try {
      bytes = worker.write(value);
    } catch (RuntimeException | StackOverflowError e) {
      throw writeFailure(value, e); // the worker is dropped, not freed
    }
    release(worker);
    return bytes;
  }

  @Override
  public Object deserialize(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > maxValueBytes) {
      throw new CacheException("Refusing to deserialize " + bytes.length + " bytes: larger than"
          + " the limit of " + maxValueBytes + " bytes set by "
          + SerializationSettings.MAX_VALUE_SIZE_PROPERTY);
    }
    Worker worker = workers.obtain();
    Object value;
    try {
      value = worker.read(bytes);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // OutOfMemoryError: a malformed length asking for one impossible array; nothing was kept.
      throw readFailure(bytes.length, e);
    }
    release(worker);
    return value;
  }

  private void release(Worker worker) {
    if (worker.output.getBuffer().length > RETAINED_BUFFER_BYTES) {
      worker.output.setBuffer(new byte[INITIAL_BUFFER_BYTES], maxValueBytes);
    }
    workers.free(worker);
  }

  private Kryo newKryo() {
    Kryo kryo = new Kryo(new AllowlistClassResolver(allowlist), new MapReferenceResolver()) {
      @Override
      @SuppressWarnings("rawtypes") // Kryo's signature
      public Serializer getDefaultSerializer(Class type) {
        return DeclaredLengthGuard.guard(super.getDefaultSerializer(type));
      }
    };
    kryo.setRegistrationRequired(false);
    kryo.setWarnUnregisteredClasses(false);
    kryo.setReferences(true);
    kryo.setClassLoader(classLoader);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    // JDK classes whose private fields Kryo cannot reach on JDK 17 without --add-opens, and
    // Timestamp, whose nanoseconds the inherited Date serializer would drop.
    kryo.addDefaultSerializer(UUID.class, new UUIDSerializer());
    kryo.addDefaultSerializer(URI.class, new URISerializer());
    kryo.addDefaultSerializer(Timestamp.class, new TimestampSerializer());
    WrapperSerializers.register(kryo);
    for (Class<?> type : contractTypes) {
      kryo.addDefaultSerializer(type, new ContractSerializer(allowlist, classLoader));
    }
    return kryo;
  }

  private Output newOutput() {
    // The max capacity bounds growth: a value over the limit fails at the limit, never beyond.
    return new Output(Math.min(INITIAL_BUFFER_BYTES, maxValueBytes), maxValueBytes);
  }

  private CacheException writeFailure(Object value, Throwable failure) {
    ClassNotAllowedException notAllowed = find(failure, ClassNotAllowedException.class);
    if (notAllowed != null) {
      String name = notAllowed.className();
      return new CacheException("Cannot serialize class " + name + ": it is not in the"
          + " serialization allowlist. Allow it in the Tandem configuration file with"
          + " <serialization><allow>" + name + "</allow></serialization>, or with the property "
          + SerializationSettings.ALLOW_PROPERTY + "=" + name + " (a package: com.example.*,"
          + " a package tree: com.example.**)", failure);
    }
    String type = value == null ? "null" : value.getClass().getName();
    if (find(failure, KryoBufferOverflowException.class) != null) {
      return new CacheException("Cannot serialize a value of class " + type + ": it is larger"
          + " than the limit of " + maxValueBytes + " bytes. Raise it with the max-value-size"
          + " attribute of <serialization> or the property "
          + SerializationSettings.MAX_VALUE_SIZE_PROPERTY, failure);
    }
    if (failure instanceof StackOverflowError) {
      return new CacheException("Cannot serialize a value of class " + type
          + ": the object graph is too deep", failure);
    }
    return new CacheException("Cannot serialize a value of class " + type + ": "
        + failure.getMessage(), failure);
  }

  private CacheException readFailure(int length, Throwable failure) {
    ClassNotAllowedException notAllowed = find(failure, ClassNotAllowedException.class);
    if (notAllowed != null) {
      String name = notAllowed.className();
      return new CacheException("Refusing to deserialize class " + name + ": it is not in the"
          + " serialization allowlist of this member, so it was neither loaded nor"
          + " instantiated. If the class is expected, allow it on every member with"
          + " <serialization><allow>" + name + "</allow></serialization> in the Tandem"
          + " configuration file or the property " + SerializationSettings.ALLOW_PROPERTY,
          failure);
    }
    return new CacheException("Cannot deserialize " + length + " bytes: malformed, truncated, or"
        + " written with another codec configuration (" + failure + ")", failure);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** One Kryo with its buffers: borrowed together, dropped together. */
  private static final class Worker {
    private final Kryo kryo;
    private final Output output;
    private final BoundedInput input;

    Worker(Kryo kryo, Output output, BoundedInput input) {
      this.kryo = kryo;
      this.output = output;
      this.input = input;
    }

    byte[] write(Object value) {
      output.reset();
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    }

    Object read(byte[] bytes) {
      input.setBuffer(bytes);
      try {
        Object value = kryo.readClassAndObject(input);
        if (input.position() != bytes.length) {
          throw new IllegalStateException((bytes.length - input.position())
              + " bytes left over after the value");
        }
        return value;
      } finally {
        input.setBuffer(EMPTY); // do not pin the caller's array in the pool
      }
    }

    private static final byte[] EMPTY = new byte[0];
  }
}
