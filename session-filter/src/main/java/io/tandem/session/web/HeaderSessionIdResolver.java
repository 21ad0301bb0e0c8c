package io.tandem.session.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The id in a request header, such as {@code X-Auth-Token}, for API clients; a new id comes back
 * in the same response header, and an invalidated session as that header with an empty value.
 */
public final class HeaderSessionIdResolver implements SessionIdResolver {

  /** The default header name. */
  public static final String DEFAULT_HEADER = "X-Auth-Token";

  private static final int MAX_CANDIDATES = 4;

  private final String header;

  public HeaderSessionIdResolver(String header) {
    this.header = Objects.requireNonNull(header, "header");
  }

  @Override
  public List<String> resolve(HttpServletRequest request) {
    List<String> ids = new ArrayList<>(1);
    Enumeration<String> values = request.getHeaders(header);
    while (values != null && values.hasMoreElements() && ids.size() < MAX_CANDIDATES) {
      String value = values.nextElement();
      if (value != null && !value.isBlank()) {
        ids.add(value.strip());
      }
    }
    return ids;
  }

  @Override
  public void write(HttpServletRequest request, HttpServletResponse response, String id) {
    response.setHeader(header, id);
  }

  @Override
  public void expire(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader(header, "");
  }

  @Override
  public boolean usesCookies() {
    return false;
  }
}
