package io.tandem.session.it;

class TomcatSingleNodeIT extends SingleNodeSuite {
  @Override
  ServerNode.Factory containers() {
    return TomcatNode::start;
  }
}
