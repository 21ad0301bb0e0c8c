package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import org.objenesis.strategy.StdInstantiatorStrategy;

/** TEMPORARY stand-in until the real codec lands. */
public final class KryoCodec implements Codec {

  private final Pool<Kryo> pool;

  public KryoCodec(SerializationSettings settings, ClassLoader classLoader) {
    pool = new Pool<>(true, false, 16) {
      @Override
      protected Kryo create() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setClassLoader(classLoader);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        return kryo;
      }
    };
  }

  @Override
  public byte[] serialize(Object value) {
    Kryo kryo = pool.obtain();
    try (Output out = new Output(256, -1)) {
      kryo.writeClassAndObject(out, value);
      return out.toBytes();
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public Object deserialize(byte[] bytes) {
    Kryo kryo = pool.obtain();
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      pool.free(kryo);
    }
  }
}
