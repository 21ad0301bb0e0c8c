package io.tandem.samples.springcache;

import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.springframework.stereotype.Service;

/**
 * A catalogue whose lookups are cached in the Tandem cache {@code products} through the JSR-107
 * annotations, which Spring's cache support handles once {@code @EnableCaching} is on and
 * cache-api is on the class path.
 *
 * <p>The key of every method is its {@code sku} (Spring's default for one key parameter), so
 * {@link #update} and {@link #remove} address the entry {@link #find} made. {@link #find} never
 * returns null: Spring would store its {@code NullValue} marker, a class the allowlist does not
 * name.
 */
@Service
@CacheDefaults(cacheName = "products")
public class ProductService {

  private final AtomicInteger loads = new AtomicInteger();

  /** Looks a product up: the body runs on a miss only, on any member. */
  @CacheResult
  public Product find(String sku) {
    loads.incrementAndGet();
    return new Product(sku, "Product " + sku, 100L * sku.length());
  }

  /** Stores {@code product} under {@code sku} (after the body ran), for every member. */
  @CachePut
  public void update(String sku, @CacheValue Product product) {
    // a real service would write the product to its database here
  }

  /** Forgets {@code sku} on every member. */
  @CacheRemove
  public void remove(String sku) {}

  /** Forgets every product on every member. */
  @CacheRemoveAll
  public void clear() {}

  /** How many times {@link #find}'s body ran in this instance. */
  public int loads() {
    return loads.get();
  }
}
