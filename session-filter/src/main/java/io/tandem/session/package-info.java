/**
 * {@link io.tandem.session.TandemSessionFilter}, the drop-in filter, and its
 * {@link io.tandem.session.FilterSettings}. Thin: it reads settings and hands each request to
 * {@code io.tandem.session.web}.
 */
package io.tandem.session;
