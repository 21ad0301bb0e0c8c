package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code Collections.unmodifiable*} and {@code Collections.synchronized*} wrappers. Their
 * state is a private field of {@code java.base} that Kryo cannot reach on JDK 17, so they are
 * written as a plain copy of their contents and wrapped again on reading. Libraries store them
 * routinely (Spring Security's authentication tokens hold their authorities in one).
 */
final class WrapperSerializers {

  private WrapperSerializers() {}

  /** Registers a serializer for each wrapper class with {@code kryo}. */
  static void register(Kryo kryo) {
    List<Object> emptyList = new ArrayList<>();
    register(kryo, Collections.unmodifiableCollection(emptyList), ArrayList::new,
        c -> Collections.unmodifiableCollection((Collection<?>) c));
    // a list that is not RandomAccess gets the wrapper class it had: copy into a LinkedList
    register(kryo, Collections.unmodifiableList(new java.util.LinkedList<>()),
        java.util.LinkedList::new,
        c -> Collections.unmodifiableList((List<?>) c));
    register(kryo, Collections.unmodifiableList(emptyList), ArrayList::new,
        c -> Collections.unmodifiableList((List<?>) c));
    register(kryo, Collections.unmodifiableSet(new HashSet<>()), HashSet::new,
        c -> Collections.unmodifiableSet((Set<?>) c));
    register(kryo, Collections.unmodifiableSortedSet(new TreeSet<>()), TreeSet::new,
        c -> Collections.unmodifiableSortedSet((TreeSet<?>) c));
    register(kryo, Collections.unmodifiableNavigableSet(new TreeSet<>()), TreeSet::new,
        c -> Collections.unmodifiableNavigableSet((TreeSet<?>) c));
    register(kryo, Collections.synchronizedCollection(emptyList), ArrayList::new,
        c -> Collections.synchronizedCollection((Collection<?>) c));
    register(kryo, Collections.synchronizedList(new java.util.LinkedList<>()),
        java.util.LinkedList::new,
        c -> Collections.synchronizedList((List<?>) c));
    register(kryo, Collections.synchronizedList(emptyList), ArrayList::new,
        c -> Collections.synchronizedList((List<?>) c));
    register(kryo, Collections.synchronizedSet(new HashSet<>()), HashSet::new,
        c -> Collections.synchronizedSet((Set<?>) c));
    registerMap(kryo, Collections.unmodifiableMap(new HashMap<>()), HashMap::new,
        m -> Collections.unmodifiableMap((Map<?, ?>) m));
    registerMap(kryo, Collections.unmodifiableSortedMap(new TreeMap<>()), TreeMap::new,
        m -> Collections.unmodifiableSortedMap((TreeMap<?, ?>) m));
    registerMap(kryo, Collections.unmodifiableNavigableMap(new TreeMap<>()), TreeMap::new,
        m -> Collections.unmodifiableNavigableMap((TreeMap<?, ?>) m));
    registerMap(kryo, Collections.synchronizedMap(new HashMap<>()), HashMap::new,
        m -> Collections.synchronizedMap((Map<?, ?>) m));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(Kryo kryo, Collection<?> sample,
      Function<Collection<?>, Collection<?>> copy, Function<Object, Object> wrap) {
    kryo.addDefaultSerializer(sample.getClass(), new Serializer<Collection<?>>() {
      @Override
      public void write(Kryo k, Output output, Collection<?> wrapper) {
        // a sorted set keeps its comparator: copy through the TreeSet constructor that takes it
        k.writeClassAndObject(output, wrapper instanceof java.util.SortedSet<?> sorted
            ? new TreeSet<>((java.util.SortedSet) sorted) : copy.apply(wrapper));
      }

      @Override
      public Collection<?> read(Kryo k, Input input, Class<? extends Collection<?>> type) {
        return (Collection<?>) wrap.apply(k.readClassAndObject(input));
      }
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerMap(Kryo kryo, Map<?, ?> sample,
      Function<Map<?, ?>, Map<?, ?>> copy, Function<Object, Object> wrap) {
    kryo.addDefaultSerializer(sample.getClass(), new Serializer<Map<?, ?>>() {
      @Override
      public void write(Kryo k, Output output, Map<?, ?> wrapper) {
        k.writeClassAndObject(output, wrapper instanceof java.util.SortedMap<?, ?> sorted
            ? new TreeMap<>((java.util.SortedMap) sorted) : copy.apply(wrapper));
      }

      @Override
      public Map<?, ?> read(Kryo k, Input input, Class<? extends Map<?, ?>> type) {
        return (Map<?, ?>) wrap.apply(k.readClassAndObject(input));
      }
    });
  }
}
