/**
 * The servlet side: the request and response wrappers, the {@code HttpSession} adapter, id
 * resolution (cookie, header) and the webapp's session listeners.
 *
 * <p>May use {@code jakarta.servlet} and {@code io.tandem.session.store}; nothing here is stored
 * as it is: only {@code store} types reach the cache.
 */
package io.tandem.session.web;
