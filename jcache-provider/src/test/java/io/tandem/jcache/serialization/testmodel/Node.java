package io.tandem.jcache.serialization.testmodel;

/** A doubly linked node: any two linked nodes form a cycle. */
public class Node {
  public String label;
  public Node next;
  public Node previous;

  public Node(String label) {
    this.label = label;
  }
}
