package io.tandem.session.it;

class JettyEe11TwoNodesIT extends TwoNodesSharedStoreSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyEe11Node::start;
  }
}
