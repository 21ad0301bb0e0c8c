package io.tandem.session.it;

class JettyTwoNodesIT extends TwoNodesSharedStoreSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyNode::start;
  }
}
