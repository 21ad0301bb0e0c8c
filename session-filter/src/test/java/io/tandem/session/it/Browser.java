package io.tandem.session.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A real HTTP client with a cookie store, as a browser has. */
final class Browser {

  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client = HttpClient.newBuilder()
      .cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
    return client.send(request(uri), HttpResponse.BodyHandlers.ofString());
  }

  String get(URI base, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = send(base.resolve(path));
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  CompletableFuture<HttpResponse<String>> getAsync(URI base, String path) {
    return client.sendAsync(request(base.resolve(path)), HttpResponse.BodyHandlers.ofString());
  }

  /** Completes once the response's headers have arrived; the body is read from the stream. */
  CompletableFuture<HttpResponse<InputStream>> headersAsync(URI base, String path) {
    return client.sendAsync(request(base.resolve(path)), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static HttpRequest request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
  }

  /** The session cookies the store holds. */
  List<HttpCookie> sessionCookies() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("TSESSION")).toList();
  }

  /** Replaces the session cookie by {@code value}, as a forger would. */
  void forgeSessionCookie(URI base, String value) {
    var store = cookies.getCookieStore();
    store.removeAll();
    HttpCookie forged = new HttpCookie("TSESSION", value);
    forged.setPath("/");
    forged.setVersion(0);
    store.add(base, forged);
  }
}
