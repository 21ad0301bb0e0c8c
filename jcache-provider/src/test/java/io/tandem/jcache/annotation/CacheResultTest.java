package io.tandem.jcache.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheResultTest {

  private CdiContainer cdi;

  @BeforeEach
  void start() {
    cdi = CdiContainer.start(Greetings.class);
  }

  @AfterEach
  void stop() {
    cdi.close();
  }

  @Test
  void theMethodRunsOnceForRepeatedCalls() {
    Greetings greetings = cdi.bean(Greetings.class);
    assertEquals("hello ada", greetings.greet("ada"));
    assertEquals("hello ada", greetings.greet("ada"));
    assertEquals(1, greetings.calls.get());
  }

  static class Greetings {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String greet(String name) {
      calls.incrementAndGet();
      return "hello " + name;
    }
  }
}
