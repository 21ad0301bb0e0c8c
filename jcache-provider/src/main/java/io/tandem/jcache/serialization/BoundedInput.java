package io.tandem.jcache.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * An {@link Input} over one byte array that refuses a declared array length larger than the bytes
 * left. Kryo 5.6.2 allocates {@code new int[length]} before reading, so without this a few
 * malformed bytes could demand gigabytes; every element takes at least one byte, so a longer
 * declared length cannot be genuine.
 */
final class BoundedInput extends Input {

  BoundedInput() {
    super(0);
  }

  private void requireAvailable(int length) {
    if (length < 0 || length > limit - position) {
      throw new KryoException("Declared array length " + length + " exceeds the "
          + (limit - position) + " bytes left");
    }
  }

  @Override
  public byte[] readBytes(int length) {
    requireAvailable(length);
    return super.readBytes(length);
  }

  @Override
  public int[] readInts(int length) {
    requireAvailable(length);
    return super.readInts(length);
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    requireAvailable(length);
    return super.readInts(length, optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    requireAvailable(length);
    return super.readLongs(length);
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    requireAvailable(length);
    return super.readLongs(length, optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    requireAvailable(length);
    return super.readFloats(length);
  }

  @Override
  public double[] readDoubles(int length) {
    requireAvailable(length);
    return super.readDoubles(length);
  }

  @Override
  public short[] readShorts(int length) {
    requireAvailable(length);
    return super.readShorts(length);
  }

  @Override
  public char[] readChars(int length) {
    requireAvailable(length);
    return super.readChars(length);
  }

  @Override
  public boolean[] readBooleans(int length) {
    requireAvailable(length);
    return super.readBooleans(length);
  }
}
