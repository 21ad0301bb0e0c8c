package io.tandem.session.it;

class JettySingleNodeIT extends SingleNodeSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyNode::start;
  }
}
