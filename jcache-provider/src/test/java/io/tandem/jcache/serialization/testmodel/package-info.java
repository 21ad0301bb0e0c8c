/** Application-like classes the serialization tests allow by name, package or package tree. */
package io.tandem.jcache.serialization.testmodel;
