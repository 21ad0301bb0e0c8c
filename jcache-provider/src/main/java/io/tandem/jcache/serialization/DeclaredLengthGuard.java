package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.StringArraySerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Collection;
import java.util.Map;

/**
 * Refuses element counts that the bytes cannot hold, before anything is allocated for them.
 *
 * <p>Kryo 5.6.2 trusts the count it reads: {@code new ArrayList(size)}, {@code new Object[length]}.
 * A few forged bytes could demand gigabytes. Every element takes at least one byte, so a count
 * beyond the bytes left cannot be genuine. Covers the generic collection and map serializers and
 * object arrays; primitive arrays are covered by {@link BoundedInput}.
 */
final class DeclaredLengthGuard {

  private DeclaredLengthGuard() {}

  /** {@code serializer}, or a checking equivalent when it pre-sizes from a count. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Serializer<?> guard(Serializer<?> serializer) {
    if (serializer.getClass() == CollectionSerializer.class) {
      return new CheckedCollectionSerializer();
    }
    if (serializer.getClass() == MapSerializer.class) {
      return new CheckedMapSerializer();
    }
    if (serializer instanceof ObjectArraySerializer
        || serializer instanceof StringArraySerializer) {
      return new CheckedArraySerializer((Serializer<Object>) serializer);
    }
    return serializer;
  }

  static void check(Input input, long count) {
    long left = (long) input.limit() - input.position();
    if (count < 0 || count > left) {
      throw new KryoException("Declared element count " + count + " exceeds the " + left
          + " bytes left");
    }
  }

  @SuppressWarnings("rawtypes")
  private static final class CheckedCollectionSerializer extends CollectionSerializer<Collection> {
    @Override
    protected Collection create(
        Kryo kryo, Input input, Class<? extends Collection> type, int size) {
      check(input, size);
      return super.create(kryo, input, type, size);
    }
  }

  @SuppressWarnings("rawtypes")
  private static final class CheckedMapSerializer extends MapSerializer<Map> {
    @Override
    protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
      check(input, size);
      return super.create(kryo, input, type, size);
    }
  }

  /** Kryo's array serializers begin with the length + 1 (0 meaning null) as a varint. */
  private static final class CheckedArraySerializer extends Serializer<Object> {
    private final Serializer<Object> delegate;

    CheckedArraySerializer(Serializer<Object> delegate) {
      super(delegate.getAcceptsNull(), delegate.isImmutable());
      this.delegate = delegate;
    }

    @Override
    public void write(Kryo kryo, Output output, Object array) {
      delegate.write(kryo, output, array);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object read(Kryo kryo, Input input, Class<?> type) {
      int start = input.position();
      long lengthPlusOne = input.readVarInt(true) & 0xFFFFFFFFL;
      if (lengthPlusOne != 0) {
        check(input, lengthPlusOne - 1);
      }
      input.setPosition(start);
      return delegate.read(kryo, input, (Class<Object>) type);
    }

    @Override
    public Object copy(Kryo kryo, Object original) {
      return delegate.copy(kryo, original);
    }
  }
}
