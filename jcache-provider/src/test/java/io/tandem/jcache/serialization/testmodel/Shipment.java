package io.tandem.jcache.serialization.testmodel;

import io.tandem.jcache.serialization.testmodel.deep.Address;

/** Holds a final-typed field from another package: Kryo writes no class name for it. */
public class Shipment {
  public Address destination;

  public Shipment(Address destination) {
    this.destination = destination;
  }
}
