package io.tandem.session.it;

class TomcatTwoNodesIT extends TwoNodesSharedStoreSuite {
  @Override
  ServerNode.Factory containers() {
    return TomcatNode::start;
  }
}
