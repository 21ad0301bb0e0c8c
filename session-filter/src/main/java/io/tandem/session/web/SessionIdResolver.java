package io.tandem.session.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * Where a request carries its session id and how a response hands one out: a cookie for
 * browsers, a header for APIs.
 */
public interface SessionIdResolver {

  /**
   * The ids the client presented, in order, as raw strings (possibly malformed: the caller
   * checks them). Empty when there is none; never null. At most a handful, whatever the client
   * sent.
   */
  List<String> resolve(HttpServletRequest request);

  /** Tells the client to use {@code id} from now on. The response must not be committed. */
  void write(HttpServletRequest request, HttpServletResponse response, String id);

  /** Tells the client to forget its session id. The response must not be committed. */
  void expire(HttpServletRequest request, HttpServletResponse response);

  /** Whether ids travel in cookies ({@code isRequestedSessionIdFromCookie}). */
  boolean usesCookies();
}
