package io.tandem.session.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * A response that runs a hook once, just before it can commit: on {@code sendError},
 * {@code sendRedirect}, {@code flushBuffer}, a flush or close of its stream or writer, or when
 * what was written reaches the declared Content-Length or the buffer size. The session is saved
 * there, so a client that follows a redirect (to any node) finds the change, and the id header
 * can still be added.
 *
 * <p>Writer output is counted conservatively (up to 3 bytes a character unless the encoding is a
 * single-byte one), so the hook may run somewhat before the container would really commit, never
 * after.
 */
final class CommitGuardResponse extends HttpServletResponseWrapper {

  private final Runnable beforeCommit;
  private boolean done;
  private long contentLength = -1;
  private long written;
  private ServletOutputStream stream;
  private PrintWriter writer;

  CommitGuardResponse(HttpServletResponse response, Runnable beforeCommit) {
    super(response);
    this.beforeCommit = beforeCommit;
  }

  private void beforeCommit() {
    if (!done) {
      done = true;
      beforeCommit.run();
    }
  }

  /** Called before {@code bytes} more bytes are written. */
  private void beforeWrite(long bytes) {
    if (done) {
      return;
    }
    long after = written + bytes;
    written = after;
    if ((contentLength >= 0 && after >= contentLength) || after >= getBufferSize()) {
      beforeCommit();
    }
  }

  // ------------------------------------------------------------------ explicit commits

  @Override
  public void sendError(int sc) throws IOException {
    beforeCommit();
    super.sendError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    beforeCommit();
    super.sendError(sc, msg);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    beforeCommit();
    super.sendRedirect(location);
  }

  /** Servlet 6.1's variant; without this, its default in the wrapper would bypass the hook. */
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    beforeCommit();
    invoke("sendRedirect", new Class<?>[] {String.class, int.class, boolean.class},
        location, sc, clearBuffer);
  }

  /** Servlet 6.1's variant. */
  public void sendRedirect(String location, int sc) throws IOException {
    beforeCommit();
    invoke("sendRedirect", new Class<?>[] {String.class, int.class}, location, sc);
  }

  /** Servlet 6.1's variant. */
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    beforeCommit();
    invoke("sendRedirect", new Class<?>[] {String.class, boolean.class}, location, clearBuffer);
  }

  private void invoke(String method, Class<?>[] types, Object... args) throws IOException {
    try {
      HttpServletResponse.class.getMethod(method, types).invoke(getResponse(), args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new UnsupportedOperationException(method + " is not available on this container", e);
    }
  }

  @Override
  public void flushBuffer() throws IOException {
    beforeCommit();
    super.flushBuffer();
  }

  @Override
  public void reset() {
    super.reset();
    written = 0;
    contentLength = -1;
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    written = 0;
  }

  // ------------------------------------------------------------------ content length

  @Override
  public void setContentLength(int len) {
    contentLength = len;
    super.setContentLength(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    contentLength = len;
    super.setContentLengthLong(len);
  }

  @Override
  public void setHeader(String name, String value) {
    trackContentLength(name, value);
    super.setHeader(name, value);
  }

  @Override
  public void addHeader(String name, String value) {
    trackContentLength(name, value);
    super.addHeader(name, value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    trackContentLength(name, Integer.toString(value));
    super.setIntHeader(name, value);
  }

  @Override
  public void addIntHeader(String name, int value) {
    trackContentLength(name, Integer.toString(value));
    super.addIntHeader(name, value);
  }

  private void trackContentLength(String name, String value) {
    if ("content-length".equalsIgnoreCase(name) && value != null) {
      try {
        contentLength = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        // not ours to judge
      }
    }
  }

  // ------------------------------------------------------------------ body

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new GuardedStream(super.getOutputStream());
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      PrintWriter delegate = super.getWriter();
      int bytesPerChar = isSingleByte(getCharacterEncoding()) ? 1 : 3;
      writer = new PrintWriter(new GuardedWriter(delegate, bytesPerChar), false);
    }
    return writer;
  }

  private static boolean isSingleByte(String encoding) {
    if (encoding == null) {
      return true; // ISO-8859-1, the Servlet default
    }
    String e = encoding.toUpperCase(Locale.ROOT);
    return e.equals("ISO-8859-1") || e.equals("US-ASCII") || e.equals("LATIN1");
  }

  private final class GuardedStream extends ServletOutputStream {
    private final ServletOutputStream delegate;

    GuardedStream(ServletOutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      beforeWrite(1);
      delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      beforeWrite(len);
      delegate.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      beforeCommit();
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      beforeCommit();
      delegate.close();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      delegate.setWriteListener(listener);
    }
  }

  private final class GuardedWriter extends Writer {
    private final PrintWriter delegate;
    private final int bytesPerChar;

    GuardedWriter(PrintWriter delegate, int bytesPerChar) {
      this.delegate = delegate;
      this.bytesPerChar = bytesPerChar;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      beforeWrite((long) len * bytesPerChar);
      delegate.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      beforeWrite((long) len * bytesPerChar);
      delegate.write(str, off, len);
    }

    @Override
    public void write(int c) {
      beforeWrite(bytesPerChar);
      delegate.write(c);
    }

    @Override
    public void flush() {
      beforeCommit();
      delegate.flush();
    }

    @Override
    public void close() {
      beforeCommit();
      delegate.close();
    }
  }
}
