package io.tandem.session.it;

class JettyEe11SingleNodeIT extends SingleNodeSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyEe11Node::start;
  }
}
